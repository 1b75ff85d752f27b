import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { AMOUNT_MESSAGE, AMOUNT_PATTERN } from '../../common/money/money.dto';
import { IsCurrencyCode } from '../../common/validation/validators';
import { CABIN_CLASSES, CabinClass, TravelPolicy } from '../travel-policy.entity';


/** The whole policy (PUT replaces it). Amounts are in `currency`; null means "no limit". */
export class TravelPolicyDto {
  @ApiProperty({ enum: CABIN_CLASSES, isArray: true, example: ['economy', 'premium_economy'] })
  @IsArray()
  @ArrayUnique()
  @IsIn(CABIN_CLASSES, { each: true })
  allowedCabinClasses: CabinClass[];

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code of every amount in the policy' })
  @IsCurrencyCode()
  currency: string;

  @ApiProperty({ type: String, nullable: true, example: '800.00', description: 'Max fare per flight' })
  @ValidateIf((_, value) => value !== null)
  @Matches(AMOUNT_PATTERN, { message: `maxFlightFare ${AMOUNT_MESSAGE}` })
  maxFlightFare: string | null;

  @ApiProperty({ type: String, nullable: true, example: '180.00', description: 'Max hotel rate per night' })
  @ValidateIf((_, value) => value !== null)
  @Matches(AMOUNT_PATTERN, { message: `maxHotelNightlyRate ${AMOUNT_MESSAGE}` })
  maxHotelNightlyRate: string | null;

  @ApiProperty({ minimum: 0, maximum: 365, example: 7 })
  @IsInt()
  @Min(0)
  @Max(365)
  minAdvanceBookingDays: number;

  @ApiProperty({ type: String, nullable: true, example: '5000.00', description: 'Budget ceiling per trip' })
  @ValidateIf((_, value) => value !== null)
  @Matches(AMOUNT_PATTERN, { message: `tripBudgetCeiling ${AMOUNT_MESSAGE}` })
  tripBudgetCeiling: string | null;

  @ApiProperty({ description: 'Out-of-policy items wait for an approver before they are ordered' })
  @IsBoolean()
  outOfPolicyRequiresApproval: boolean;
}

export class TravelPolicyResponse extends TravelPolicyDto {
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export function toTravelPolicyResponse(policy: TravelPolicy): TravelPolicyResponse {
  return {
    allowedCabinClasses: policy.allowedCabinClasses,
    currency: policy.currency,
    maxFlightFare: policy.maxFlightFare,
    maxHotelNightlyRate: policy.maxHotelNightlyRate,
    minAdvanceBookingDays: policy.minAdvanceBookingDays,
    tripBudgetCeiling: policy.tripBudgetCeiling,
    outOfPolicyRequiresApproval: policy.outOfPolicyRequiresApproval,
    updatedAt: policy.updatedAt.toISOString(),
  };
}
