import type { ValidationError } from 'class-validator';
import { DomainError } from './domain-error';
import { CommonErrorCode, FieldErrorCode } from './error-codes';

/** One refused field: its dotted path (`activities.0.startsAt`), a stable code and the message. */
export interface FieldError {
  field: string;
  code: FieldErrorCode;
  message: string;
}

/**
 * class-validator constraint names → field codes. Constraints missing here answer INVALID;
 * validation-failed.spec.ts fails when a DTO uses one, so each gets a code when it is introduced.
 */
export const CODE_OF_CONSTRAINT: Readonly<Record<string, FieldErrorCode>> = {
  isDefined: FieldErrorCode.Required,
  isNotEmpty: FieldErrorCode.Required,
  arrayNotEmpty: FieldErrorCode.Required,
  whitelistValidation: FieldErrorCode.NotAllowed,
  isString: FieldErrorCode.WrongType,
  isInt: FieldErrorCode.WrongType,
  isNumber: FieldErrorCode.WrongType,
  isBoolean: FieldErrorCode.WrongType,
  isArray: FieldErrorCode.WrongType,
  isObject: FieldErrorCode.WrongType,
  nestedValidation: FieldErrorCode.WrongType,
  isEmail: FieldErrorCode.InvalidFormat,
  isUuid: FieldErrorCode.InvalidFormat,
  isIso8601: FieldErrorCode.InvalidFormat,
  isDateString: FieldErrorCode.InvalidFormat,
  matches: FieldErrorCode.InvalidFormat,
  isTimeZone: FieldErrorCode.InvalidFormat,
  isISO4217CurrencyCode: FieldErrorCode.InvalidFormat,
  isLatitude: FieldErrorCode.InvalidFormat,
  isLongitude: FieldErrorCode.InvalidFormat,
  isCalendarDate: FieldErrorCode.InvalidFormat,
  isInstant: FieldErrorCode.InvalidFormat,
  isExchangeRate: FieldErrorCode.InvalidFormat,
  isBundledAirport: FieldErrorCode.InvalidFormat,
  isIn: FieldErrorCode.NotInList,
  isEnum: FieldErrorCode.NotInList,
  isNotIn: FieldErrorCode.Invalid,
  isNotOrigin: FieldErrorCode.Invalid,
  minLength: FieldErrorCode.TooShort,
  arrayMinSize: FieldErrorCode.TooShort,
  maxLength: FieldErrorCode.TooLong,
  arrayMaxSize: FieldErrorCode.TooLong,
  min: FieldErrorCode.TooSmall,
  max: FieldErrorCode.TooLarge,
  arrayUnique: FieldErrorCode.NotUnique,
  isAcceptablePassword: FieldErrorCode.PasswordWeak,
  // A date of birth that is a real date but in the future or before 1900 (passenger profiles).
  isBirthDate: FieldErrorCode.Invalid,
  // The travel policy's own parser (policy/travel-policy.schema.ts): its message names the rule.
  travelPolicy: FieldErrorCode.Invalid,
};

/** A value that was left out (or sent as null where it may not be) is REQUIRED, whatever rule caught it. */
function codeOf(constraint: string, value: unknown): FieldErrorCode {
  if (constraint !== 'whitelistValidation' && (value === undefined || value === null)) return FieldErrorCode.Required;
  return CODE_OF_CONSTRAINT[constraint] ?? FieldErrorCode.Invalid;
}

/**
 * Flattens class-validator's tree into one entry per broken rule. Messages are the ones Nest's
 * ValidationPipe sends (a nested field's message starts with its parent path: `activities.0.title …`).
 */
export function fieldErrorsOf(errors: readonly ValidationError[], parentPath = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parentPath ? `${parentPath}.${error.property}` : error.property;
    const prefix = parentPath ? `${parentPath}.` : '';
    const own = Object.entries(error.constraints ?? {}).map(([constraint, message]) => ({
      field,
      code: codeOf(constraint, error.value),
      message: prefix + message,
    }));
    return [...own, ...fieldErrorsOf(error.children ?? [], field)];
  });
}

/** Input refused by validation (DTOs, path parameters): a 400 listing each field in `errors`. */
export class ValidationFailedError extends DomainError {
  readonly messages: string[];

  constructor(readonly errors: FieldError[]) {
    super(CommonErrorCode.ValidationFailed, errors.map((error) => error.message).join('; '));
    this.messages = errors.map((error) => error.message);
  }
}
