import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { IsCurrencyCode } from '../validation/validators';

/** A money amount as a decimal string, never a float (spec/API.md). */
export const AMOUNT_PATTERN = /^\d{1,10}(\.\d{1,2})?$/;
export const AMOUNT_MESSAGE = 'must be a decimal string like "1250.00" (up to 2 decimals)';

export class MoneyDto {
  @ApiProperty({ example: '1250.00' })
  @Matches(AMOUNT_PATTERN, { message: `amount ${AMOUNT_MESSAGE}` })
  amount: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217' })
  @IsCurrencyCode()
  currency: string;
}

/** `{amount, currency}` from a numeric column pair, or null. */
export function toMoney(amount: string | null, currency: string | null): MoneyDto | null {
  return amount === null || currency === null ? null : { amount: Number(amount).toFixed(2), currency };
}
