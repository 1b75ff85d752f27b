import { ApiProperty } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO4217CurrencyCode,
  IsISO8601,
  IsNotEmpty,
  IsNotIn,
  IsString,
  Matches,
  MaxLength,
  ValidateBy,
  ValidateNested,
} from 'class-validator';
import { trim } from '../../common/validation/text';
import { DATE_PATTERN } from '../../common/validation/validators';
import { isSaneRate } from '../decimal';
import { BASE_CURRENCY } from '../ecb-snapshot';

const RATE_MESSAGE =
  'rate must be a decimal string like "1.1476" (up to 12 decimals), at least 0.0001 and below 100000000';

/** Units per 1 EUR as a decimal string within the bounds of `isSaneRate`. */
const IsExchangeRate = () =>
  ValidateBy({
    name: 'isExchangeRate',
    validator: {
      validate: (value) => typeof value === 'string' && isSaneRate(value) && !/\.\d{13}/.test(value),
      defaultMessage: () => RATE_MESSAGE,
    },
  });

export class ExchangeRateDto {
  @ApiProperty({ example: 'USD', description: 'ISO 4217; not EUR, the base' })
  @IsISO4217CurrencyCode()
  @IsNotIn([BASE_CURRENCY], { message: `currency cannot be ${BASE_CURRENCY}: every rate is per 1 ${BASE_CURRENCY}` })
  currency: string;

  @ApiProperty({ example: '1.1476', description: 'Units of the currency per 1 EUR, a decimal string' })
  @IsExchangeRate()
  rate: string;

  @ApiProperty({ example: '2026-03-13', format: 'date', description: 'The day the rate is from' })
  @Matches(DATE_PATTERN, { message: 'date must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a date YYYY-MM-DD' })
  date: string;

  @ApiProperty({ example: 'Treasury month-end rate', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  source: string;
}

export class SetExchangeRatesDto {
  @ApiProperty({ type: [ExchangeRateDto], description: 'Rates to record; currencies not listed keep theirs' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ExchangeRateDto)
  rates: ExchangeRateDto[];
}

export class ExchangeRateResponse {
  @ApiProperty({ example: 'USD' }) currency: string;
  @ApiProperty({ example: '1.1476', description: 'Units of the currency per 1 EUR' }) rate: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ example: 'ECB euro foreign exchange reference rates (bundled snapshot)' }) source: string;
}

export class ExchangeRatesResponse {
  @ApiProperty({ example: 'EUR', description: 'Every rate is units of the currency per 1 of this' }) base: string;
  @ApiProperty({ type: [ExchangeRateResponse] }) items: ExchangeRateResponse[];
}
