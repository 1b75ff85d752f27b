import { FieldErrorCode } from '../../common/errors/error-codes';
import type { FieldError } from '../../common/errors/validation-failed';
import { findAirport } from '../../places/airports.index';
import { dateIn, daysBetween } from '../../policy/calendar-days';
import type { SearchedSlice } from './flight-search.entity';

/** How far ahead airlines sell (Duffel's suppliers open about 330–360 days ahead). */
export const MAX_DAYS_AHEAD = 360;

/**
 * What a search's dates must be, checked against the clock (the DTO checks their form): each
 * departure from today to MAX_DAYS_AHEAD days ahead on the calendar of its origin airport (it is
 * already tomorrow in Tokyo), and the slices in date order. Empty when they are.
 */
export function searchWindowErrors(slices: SearchedSlice[], now: Date): FieldError[] {
  const errors: FieldError[] = [];
  slices.forEach((slice, index) => {
    const field = `slices.${index}.departureDate`;
    const zone = findAirport(slice.origin)?.timezone ?? 'UTC';
    const ahead = daysBetween(dateIn(zone, now), slice.departureDate);
    if (ahead < 0)
      errors.push({
        field,
        code: FieldErrorCode.TooSmall,
        message: `${field} must not be in the past at ${slice.origin}`,
      });
    else if (ahead > MAX_DAYS_AHEAD)
      errors.push({ field, code: FieldErrorCode.TooLarge, message: `${field} must be within ${MAX_DAYS_AHEAD} days` });
    if (index > 0 && slice.departureDate < slices[index - 1].departureDate)
      errors.push({
        field,
        code: FieldErrorCode.Invalid,
        message: `${field} must not be before slices.${index - 1}.departureDate (slices are in travel order)`,
      });
  });
  return errors;
}
