import { FieldErrorCode } from '../../common/errors/error-codes';
import type { FieldError } from '../../common/errors/validation-failed';
import { dateIn, daysBetween } from '../../policy/calendar-days';

/** How far ahead hotels are searched (as flights), and the longest stay one search asks for. */
export const MAX_DAYS_AHEAD = 360;
export const MAX_NIGHTS = 30;

/**
 * What a stay's dates must be against the clock (the DTO checks their form): check-in from today
 * on the destination's calendar to MAX_DAYS_AHEAD days ahead, check-out after it and at most
 * MAX_NIGHTS nights later. Empty when they are.
 */
export function stayWindowErrors(checkInDate: string, checkOutDate: string, zone: string, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const ahead = daysBetween(dateIn(zone, now), checkInDate);
  if (ahead < 0)
    errors.push({
      field: 'checkInDate',
      code: FieldErrorCode.TooSmall,
      message: 'checkInDate must not be in the past at the destination',
    });
  else if (ahead > MAX_DAYS_AHEAD)
    errors.push({
      field: 'checkInDate',
      code: FieldErrorCode.TooLarge,
      message: `checkInDate must be within ${MAX_DAYS_AHEAD} days`,
    });
  const nights = daysBetween(checkInDate, checkOutDate);
  if (nights < 1)
    errors.push({
      field: 'checkOutDate',
      code: FieldErrorCode.TooSmall,
      message: 'checkOutDate must be after checkInDate',
    });
  else if (nights > MAX_NIGHTS)
    errors.push({
      field: 'checkOutDate',
      code: FieldErrorCode.TooLarge,
      message: `checkOutDate must be at most ${MAX_NIGHTS} nights after checkInDate`,
    });
  return errors;
}
