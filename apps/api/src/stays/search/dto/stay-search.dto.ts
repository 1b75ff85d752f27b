import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageOf, PaginationQuery } from '../../../common/http/pagination.dto';
import { MoneyDto } from '../../../common/money/money.dto';
import { DATE_PATTERN } from '../../../common/validation/validators';
import { PolicyReasonResponse } from '../../../policy/dto/policy-verdict.dto';
import { VERDICTS, type Verdict } from '../../../policy/policy-verdict';
import { SUPPLIER_NAMES, type SupplierName } from '../../../flights/supplier/flight-supplier';
import { BOARD_TYPES, type BoardType } from '../../supplier/stay-supplier';
import { RATE_SORTS, type RateSort } from '../rate-query';

const DATE_MESSAGE = '$property must be a date YYYY-MM-DD';

export class CreateStaySearchDto {
  @ApiProperty({
    example: '2027-03-01',
    format: 'date',
    description: "Local at the property: from today at the trip's destination up to 360 days ahead",
  })
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  checkInDate: string;

  @ApiProperty({
    example: '2027-03-04',
    format: 'date',
    description: 'After the check-in date, at most 30 nights later',
  })
  @Matches(DATE_PATTERN, { message: DATE_MESSAGE })
  @IsISO8601({ strict: true }, { message: DATE_MESSAGE })
  checkOutDate: string;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 9,
    default: 1,
    description: "Rooms for the trip's travellers (at most one a guest)",
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(9)
  rooms: number = 1;

  @ApiPropertyOptional({
    minimum: -90,
    maximum: 90,
    description: "Search around this point (with longitude). Default: the trip's destination",
  })
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional({ minimum: -180, maximum: 180 })
  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10, description: 'km around the point' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 1 })
  @Min(1)
  @Max(50)
  radiusKm: number = 10;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 50,
    example: ['sbx_acc_DE_525200_134050_1'],
    description: "Instead of a point: these properties (their `supplierPropertyId` from an earlier search's rates)",
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  // A supplier's property id (sbx_acc_…, Duffel's acc_…) is never shorter.
  @MinLength(6, { each: true })
  @MaxLength(100, { each: true })
  @Matches(/^[A-Za-z0-9_.~-]+$/, { each: true, message: 'propertyIds must be property ids from a search' })
  propertyIds?: string[];
}

/** Sorting, filtering and paging a stay search's rates (the POST's first page and every GET). */
export class StayRateQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: Object.keys(RATE_SORTS),
    default: 'price',
    description: 'price: the total in the policy currency; distance: from the searched point',
  })
  @IsOptional()
  @IsIn(Object.keys(RATE_SORTS))
  sort: RateSort = 'price';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @ApiPropertyOptional({
    type: Number,
    minimum: 1,
    maximum: 5,
    description: 'Only properties with at least these stars',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5)
  minStars?: number;

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Only rates judged in_policy' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  inPolicyOnly?: boolean;
}

export class StayAddressResponse {
  @ApiProperty() lineOne: string;
  @ApiProperty({ type: String, nullable: true }) postalCode: string | null;
  @ApiProperty() cityName: string;
  @ApiProperty({ description: 'ISO 3166-1 alpha-2' }) countryCode: string;
  @ApiProperty({ type: String, nullable: true }) region: string | null;
}

export class StayPropertyResponse {
  @ApiProperty({ description: "The supplier's property id (search again by it with `propertyIds`)" })
  supplierPropertyId: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: StayAddressResponse }) address: StayAddressResponse;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '1–5, null when unrated' }) stars: number | null;
  @ApiProperty({ type: Number, nullable: true, description: '1.0–10.0 from guests’ reviews' }) reviewScore:
    number | null;
  @ApiProperty({ type: String, nullable: true }) chain: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Local HH:MM' }) checkInAfter: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'Local HH:MM' }) checkOutBefore: string | null;
}

export class RefundStepResponse {
  @ApiProperty({ type: String, format: 'date-time', description: 'Cancelling before this instant refunds `refund`' })
  before: string;
  @ApiProperty({ type: MoneyDto }) refund: MoneyDto;
}

export class StayCancellationPolicyResponse {
  @ApiProperty() refundable: boolean;
  @ApiProperty({
    type: [RefundStepResponse],
    description: 'Empty: non-refundable. After the last step, nothing is refunded',
  })
  timeline: RefundStepResponse[];
}

export class StayConditionResponse {
  @ApiProperty() title: string;
  @ApiProperty() description: string;
}

export class StayRatePolicyResponse {
  @ApiProperty({ enum: VERDICTS }) verdict: Verdict;
  @ApiProperty() policyVersion: number;
  @ApiProperty({ type: [PolicyReasonResponse] }) reasons: PolicyReasonResponse[];
}

export class StayRateResponse {
  @ApiProperty({ format: 'uuid', description: 'Our id of the rate: what a booking names (`stayRateId`)' }) id: string;
  @ApiProperty({ enum: SUPPLIER_NAMES, description: '"sandbox": not a real hotel' }) supplier: SupplierName;
  @ApiProperty({
    description:
      'false for a supplier whose rates are compared here but booked elsewhere (Amadeus: its orders carry a card)',
  })
  bookable: boolean;
  @ApiProperty({ type: StayPropertyResponse }) property: StayPropertyResponse;
  @ApiProperty({ type: Number, nullable: true, description: 'km from the searched point' }) distanceKm: number | null;
  @ApiProperty() roomName: string;
  @ApiProperty({ enum: BOARD_TYPES }) board: BoardType;
  @ApiProperty({ type: MoneyDto, description: 'For all nights and rooms, in the currency the supplier sells in' })
  totalAmount: MoneyDto;
  @ApiProperty({ type: MoneyDto, description: "The same in the policy's currency" }) policyAmount: MoneyDto;
  @ApiProperty({
    type: MoneyDto,
    description: "One room for one night in the policy's currency: what the policy judged",
  })
  nightlyRate: MoneyDto;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'Paid at the property, not in the total (tourist tax…)' })
  dueAtProperty: MoneyDto | null;
  @ApiProperty({ type: StayCancellationPolicyResponse }) cancellation: StayCancellationPolicyResponse;
  @ApiProperty({ type: [StayConditionResponse] }) conditions: StayConditionResponse[];
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: StayRatePolicyResponse }) policy: StayRatePolicyResponse;
}

export class StaySearchWhereResponse {
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) radiusKm: number | null;
  @ApiProperty({ type: [String], nullable: true }) propertyIds: string[] | null;
}

export class StaySearchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ enum: SUPPLIER_NAMES }) supplier: SupplierName;
  @ApiProperty({ type: StaySearchWhereResponse }) where: StaySearchWhereResponse;
  @ApiProperty({ format: 'date' }) checkInDate: string;
  @ApiProperty({ format: 'date' }) checkOutDate: string;
  @ApiProperty() nights: number;
  @ApiProperty() rooms: number;
  @ApiProperty({ description: "The trip's travellers" }) guests: number;
  @ApiProperty() policyVersion: number;
  @ApiProperty({ example: 'EUR' }) policyCurrency: string;
  @ApiProperty({ description: 'Properties the supplier found' }) propertyCount: number;
  @ApiProperty({ description: 'Rates stored (expired ones included)' }) rateCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When its last rate expires' }) expiresAt: string;
}

/** A page of a search's rates that have not expired, sorted and filtered as asked, with the search. */
export class StayRatesPage extends PageOf(StayRateResponse) {
  @ApiProperty({ type: StaySearchResponse }) search: StaySearchResponse;
}
