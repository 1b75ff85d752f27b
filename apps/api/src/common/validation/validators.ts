import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO4217CurrencyCode, IsTimeZone, ValidateIf } from 'class-validator';
import { canonicalTimeZone } from './time-zone';

/** A calendar date as `YYYY-MM-DD` (its existence is checked separately). */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The field may be left out, but not sent as `null`: for values whose column is NOT NULL.
 * (`@IsOptional()` skips validation for null too, so a PATCH with `null` reached the database.)
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** An ISO 4217 code, stored upper-case whatever the case it was sent in (`eur` → `EUR`). */
export function IsCurrencyCode(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.toUpperCase() : value)),
    IsISO4217CurrencyCode(),
  );
}

/** An IANA time zone, stored in its canonical spelling (`europe/berlin` → `Europe/Berlin`). */
export function IsCanonicalTimeZone(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? canonicalTimeZone(value) : value)),
    IsTimeZone(),
  );
}
