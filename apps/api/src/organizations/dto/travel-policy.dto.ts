import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Min, ValidateBy, ValidationArguments } from 'class-validator';
import { IsCurrencyCode, IsOmittable } from '../../common/validation/validators';
import { CABINS, OUT_OF_POLICY_HANDLING, parseTravelPolicy, PolicyFieldError } from '../../policy/travel-policy.schema';
import type { Cabin, OutOfPolicyHandling } from '../../policy/travel-policy.schema';
import type {
  CabinRule,
  CityNightlyCap,
  ExpenseCap,
  ReasonCode,
  TravelPolicy,
} from '../../policy/travel-policy.entity';

const checked = new WeakMap<object, PolicyFieldError[]>();

/** The parser's errors for the whole body, computed once per request body. */
function policyErrors(body: object): PolicyFieldError[] {
  let errors = checked.get(body);
  if (!errors) {
    const parsed = parseTravelPolicy({ ...body, version: 1 });
    errors = parsed.ok ? [] : parsed.errors;
    checked.set(body, errors);
  }
  return errors;
}

function errorsOf({ object, property }: ValidationArguments): PolicyFieldError[] {
  return policyErrors(object).filter((error) => error.field === property || error.field.startsWith(`${property}.`));
}

/**
 * Validates the field through the policy's one parser (policy/travel-policy.schema.ts), so the API
 * and the evaluator cannot disagree on a rule; errors name the path (`cabinRules.1.fromMinutes must …`)
 * and reach the client through the ValidationPipe like every other 400.
 */
function ConformsToPolicy(): PropertyDecorator {
  return ValidateBy({
    name: 'travelPolicy',
    validator: {
      validate: (_value, args) => errorsOf(args!).length === 0,
      defaultMessage: (args) =>
        errorsOf(args!)
          .map((error) => `${error.field} ${lowerFirst(error.message)}`)
          .join('; '),
    },
  });
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export class CabinRuleDto implements CabinRule {
  @ApiProperty({ enum: CABINS }) cabin: Cabin;
  @ApiProperty({
    minimum: 1,
    maximum: 1440,
    example: 540,
    description: 'Allowed on flights lasting at least this long',
  })
  fromMinutes: number;
}

export class CityNightlyCapDto implements CityNightlyCap {
  @ApiProperty({ maxLength: 100, example: 'Paris', description: 'Matched without case or accents' }) city: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'FR',
    description: 'ISO 3166-1 alpha-2; null matches the city in any country',
  })
  countryCode: string | null;
  @ApiProperty({ example: '220.00' }) maxNightlyRate: string;
}

export class ExpenseCapDto implements ExpenseCap {
  @ApiProperty({ example: 'meals', description: 'lower_snake_case' }) category: string;
  @ApiProperty({ example: '60.00' }) maxAmount: string;
}

export class ReasonCodeDto implements ReasonCode {
  @ApiProperty({ example: 'client_requirement', description: 'lower_snake_case, up to 40 characters' }) code: string;
  @ApiProperty({ maxLength: 100, example: 'Client requirement' }) label: string;
}

/**
 * The whole policy (PUT replaces it; every rule left out is off). Amounts are decimal strings in
 * `currency`; null means "no limit". docs/policy.md explains each rule.
 */
export class TravelPolicyDto {
  @ApiPropertyOptional({
    minimum: 1,
    description:
      'The version you read; a stale one is refused with 409 POLICY_VERSION_STALE (without it, last write wins)',
  })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code of every amount in the policy' })
  @IsCurrencyCode()
  @ConformsToPolicy()
  currency: string;

  @ApiProperty({ enum: CABINS, isArray: true, example: ['economy'], description: 'Cabins allowed on any flight' })
  @ConformsToPolicy()
  allowedCabinClasses: Cabin[];

  @ApiPropertyOptional({
    type: [CabinRuleDto],
    description: 'Further cabins allowed from a flight duration (one rule per cabin)',
  })
  @ConformsToPolicy()
  cabinRules?: CabinRuleDto[];

  @ApiProperty({ type: String, nullable: true, example: '800.00', description: 'Max fare per flight, per passenger' })
  @ConformsToPolicy()
  maxFlightFare: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '180.00',
    description: 'Max hotel rate per night where no city cap applies',
  })
  @ConformsToPolicy()
  maxHotelNightlyRate: string | null;

  @ApiPropertyOptional({
    type: [CityNightlyCapDto],
    description: 'Nightly caps that replace maxHotelNightlyRate in those cities',
  })
  @ConformsToPolicy()
  cityNightlyCaps?: CityNightlyCapDto[];

  @ApiProperty({ minimum: 0, maximum: 365, example: 7, description: "Notice in days, on the traveller's calendar" })
  @ConformsToPolicy()
  minAdvanceBookingDays: number;

  @ApiProperty({ type: String, nullable: true, example: '5000.00', description: 'Budget ceiling per trip' })
  @ConformsToPolicy()
  tripBudgetCeiling: string | null;

  @ApiPropertyOptional({
    type: [String],
    example: ['LH', 'LX'],
    description: 'IATA codes; when set, every airline of a flight must be one of them',
  })
  @ConformsToPolicy()
  preferredAirlines?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['FR'],
    description: 'IATA codes never allowed, not even with approval',
  })
  @ConformsToPolicy()
  blockedAirlines?: string[];

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 5,
    description: 'Max connections per flight (0: nonstop only)',
  })
  @ConformsToPolicy()
  maxConnections?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, description: 'Max kg CO2 per passenger per flight' })
  @ConformsToPolicy()
  maxFlightCo2Kg?: number | null;

  @ApiPropertyOptional({ type: [ExpenseCapDto], description: 'Max per expense in a category' })
  @ConformsToPolicy()
  expenseCaps?: ExpenseCapDto[];

  @ApiPropertyOptional({
    enum: OUT_OF_POLICY_HANDLING,
    description:
      'What happens to out-of-policy trips and items: an approver decides, they are refused, or the traveller gives one of reasonCodes',
  })
  @ConformsToPolicy()
  outOfPolicy?: OutOfPolicyHandling;

  @ApiPropertyOptional({
    deprecated: true,
    description: 'Read only when outOfPolicy is absent: true → needs_approval, false → allowed_with_reason',
  })
  @ConformsToPolicy()
  outOfPolicyRequiresApproval?: boolean;

  @ApiPropertyOptional({
    type: [ReasonCodeDto],
    description: 'The reasons a traveller may give for going out of policy (default: three common ones)',
  })
  @ConformsToPolicy()
  reasonCodes?: ReasonCodeDto[];

  @ApiPropertyOptional({ description: 'A submitted trip that is in policy is approved at once (default false)' })
  @ConformsToPolicy()
  autoApproveInPolicy?: boolean;
}

export class TravelPolicyResponse {
  @ApiProperty({ description: 'Raised by every change; each verdict records the version it was judged against' })
  version: number;
  @ApiProperty() currency: string;
  @ApiProperty({ enum: CABINS, isArray: true }) allowedCabinClasses: Cabin[];
  @ApiProperty({ type: [CabinRuleDto] }) cabinRules: CabinRuleDto[];
  @ApiProperty({ type: String, nullable: true }) maxFlightFare: string | null;
  @ApiProperty({ type: String, nullable: true }) maxHotelNightlyRate: string | null;
  @ApiProperty({ type: [CityNightlyCapDto] }) cityNightlyCaps: CityNightlyCapDto[];
  @ApiProperty() minAdvanceBookingDays: number;
  @ApiProperty({ type: String, nullable: true }) tripBudgetCeiling: string | null;
  @ApiProperty({ type: [String] }) preferredAirlines: string[];
  @ApiProperty({ type: [String] }) blockedAirlines: string[];
  @ApiProperty({ type: Number, nullable: true }) maxConnections: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxFlightCo2Kg: number | null;
  @ApiProperty({ type: [ExpenseCapDto] }) expenseCaps: ExpenseCapDto[];
  @ApiProperty({ enum: OUT_OF_POLICY_HANDLING }) outOfPolicy: OutOfPolicyHandling;
  @ApiProperty({ deprecated: true, description: 'outOfPolicy === "needs_approval"' })
  outOfPolicyRequiresApproval: boolean;
  @ApiProperty({ type: [ReasonCodeDto] }) reasonCodes: ReasonCodeDto[];
  @ApiProperty() autoApproveInPolicy: boolean;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export function toTravelPolicyResponse(policy: TravelPolicy): TravelPolicyResponse {
  return {
    version: policy.version,
    currency: policy.currency,
    allowedCabinClasses: policy.allowedCabinClasses,
    cabinRules: policy.cabinRules,
    maxFlightFare: policy.maxFlightFare,
    maxHotelNightlyRate: policy.maxHotelNightlyRate,
    cityNightlyCaps: policy.cityNightlyCaps,
    minAdvanceBookingDays: policy.minAdvanceBookingDays,
    tripBudgetCeiling: policy.tripBudgetCeiling,
    preferredAirlines: policy.preferredAirlines,
    blockedAirlines: policy.blockedAirlines,
    maxConnections: policy.maxConnections,
    maxFlightCo2Kg: policy.maxFlightCo2Kg,
    expenseCaps: policy.expenseCaps,
    outOfPolicy: policy.outOfPolicy,
    outOfPolicyRequiresApproval: policy.outOfPolicy === 'needs_approval',
    reasonCodes: policy.reasonCodes,
    autoApproveInPolicy: policy.autoApproveInPolicy,
    updatedAt: policy.updatedAt.toISOString(),
  };
}
