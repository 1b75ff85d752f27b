import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  Matches,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  type ValidationArguments,
} from 'class-validator';
import { PageOf, PaginationQuery } from '../../../common/http/pagination.dto';
import { MoneyDto } from '../../../common/money/money.dto';
import { DATE_PATTERN, IsOmittable } from '../../../common/validation/validators';
import { findAirport } from '../../../places/airports.index';
import { PolicyReasonResponse } from '../../../policy/dto/policy-verdict.dto';
import { VERDICTS, type Verdict } from '../../../policy/policy-verdict';
import { CABINS, type Cabin } from '../../../policy/travel-policy.schema';
import { SUPPLIER_NAMES, type SupplierName } from '../../supplier/flight-supplier';
import { OFFER_SORTS, type OfferSort } from '../offer-query';

/** Most slices in one search (Duffel's multi-city limit is well above what a trip needs). */
export const MAX_SLICES = 6;

const upperCase = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

/** An IATA code of a bundled airport (apps/api/src/places), any case. */
function IsBundledAirport(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBundledAirport',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be the IATA code of a known airport (e.g. FRA)' },
      validator: { validate: (value: unknown) => typeof value === 'string' && findAirport(value)?.iata === value },
    });
}

/** Not the same airport as `origin`. */
function IsNotOrigin(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotOrigin',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must differ from origin' },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => value !== (args.object as { origin?: unknown }).origin,
      },
    });
}

export class FlightSearchSliceDto {
  @ApiProperty({ example: 'FRA', description: 'IATA code of a known airport (GET /api/airports)' })
  @Transform(upperCase)
  @IsBundledAirport()
  origin: string;

  @ApiProperty({ example: 'JFK' })
  @Transform(upperCase)
  @IsBundledAirport()
  @IsNotOrigin()
  destination: string;

  @ApiProperty({
    example: '2027-03-01',
    format: 'date',
    description: 'Local date at the origin: from today there up to 360 days ahead, slices in date order',
  })
  @Matches(DATE_PATTERN, { message: '$property must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: '$property must be a date YYYY-MM-DD' })
  departureDate: string;
}

export class CreateFlightSearchDto {
  @ApiProperty({
    type: [FlightSearchSliceDto],
    minItems: 1,
    maxItems: MAX_SLICES,
    description: 'One slice for one-way, two for a return, more for multi-city',
    example: [{ origin: 'FRA', destination: 'JFK', departureDate: '2027-03-01' }],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SLICES)
  @ValidateNested({ each: true })
  @Type(() => FlightSearchSliceDto)
  slices: FlightSearchSliceDto[];

  @ApiPropertyOptional({ enum: CABINS, default: 'economy' })
  @IsOmittable()
  @IsIn(CABINS)
  cabin: Cabin = 'economy';

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 2,
    description: "Connections per slice; the supplier's default when left out",
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2)
  maxConnections?: number;
}

const AIRLINE = /^[A-Z0-9]{2}$/;

/** Sorting, filtering and paging a search's offers (the POST's first page and every GET). */
export class FlightOfferQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: Object.keys(OFFER_SORTS),
    default: 'price',
    description: 'price: in the policy currency',
  })
  @IsOptional()
  @IsIn(Object.keys(OFFER_SORTS))
  sort: OfferSort = 'price';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';

  @ApiPropertyOptional({
    type: Number,
    minimum: 0,
    maximum: 2,
    description: 'At most this many connections on every slice',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(2)
  maxStops?: number;

  @ApiPropertyOptional({
    description: 'IATA airline codes, comma-separated: offers with any of them (marketing or operating)',
    example: 'LH',
  })
  @IsOptional()
  @Transform(({ value }) =>
    typeof value === 'string' ? value.split(',').map((code) => code.trim().toUpperCase()) : value,
  )
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(AIRLINE, { each: true, message: 'airline must be 2-character IATA airline codes like "LH"' })
  airline?: string[];

  @ApiPropertyOptional({ type: Boolean, default: false, description: 'Only offers judged in_policy' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  inPolicyOnly?: boolean;
}

export class CarrierResponse {
  @ApiProperty({ example: 'LH' }) iataCode: string;
  @ApiProperty({ example: 'Lufthansa' }) name: string;
}

export class OfferAirportResponse {
  @ApiProperty({ example: 'FRA' }) iataCode: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) cityName: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'ISO 3166-1 alpha-2' }) countryCode: string | null;
  @ApiProperty({ example: 'Europe/Berlin', description: 'IANA zone of its local times' }) timeZone: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
}

export class FlightSegmentResponse {
  @ApiProperty({ type: OfferAirportResponse }) origin: OfferAirportResponse;
  @ApiProperty({ type: OfferAirportResponse }) destination: OfferAirportResponse;
  @ApiProperty({ example: '2027-03-01T09:05:00+01:00', description: 'Local time at the origin, with its offset' })
  departingAt: string;
  @ApiProperty({ example: '2027-03-01T11:50:00-05:00', description: 'Local time at the destination, with its offset' })
  arrivingAt: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ type: CarrierResponse }) marketingCarrier: CarrierResponse;
  @ApiProperty({ type: CarrierResponse }) operatingCarrier: CarrierResponse;
  @ApiProperty({ example: 'LH400' }) flightNumber: string;
  @ApiProperty({ type: String, nullable: true }) aircraft: string | null;
}

export class FlightSliceResponse {
  @ApiProperty({ type: OfferAirportResponse }) origin: OfferAirportResponse;
  @ApiProperty({ type: OfferAirportResponse }) destination: OfferAirportResponse;
  @ApiProperty({ description: 'First departure to last arrival, connections included' }) durationMinutes: number;
  @ApiProperty({ description: 'Connections' }) stops: number;
  @ApiProperty({ type: [FlightSegmentResponse] }) segments: FlightSegmentResponse[];
}

export class FareConditionResponse {
  @ApiProperty() allowed: boolean;
  @ApiProperty({ type: MoneyDto, nullable: true, description: 'null when free, or when not allowed' })
  penalty: MoneyDto | null;
}

export class FareConditionsResponse {
  @ApiProperty({ type: FareConditionResponse, nullable: true, description: 'null when the supplier does not say' })
  refundBeforeDeparture: FareConditionResponse | null;
  @ApiProperty({ type: FareConditionResponse, nullable: true }) changeBeforeDeparture: FareConditionResponse | null;
}

export class OfferReasonResponse extends PolicyReasonResponse {
  @ApiProperty({ type: [Number], description: 'The slices (0-based, in order) that break the rule' }) slices: number[];
}

export class OfferPolicyResponse {
  @ApiProperty({ enum: VERDICTS, description: 'The worst verdict of its slices' }) verdict: Verdict;
  @ApiProperty() policyVersion: number;
  @ApiProperty({ type: [OfferReasonResponse] }) reasons: OfferReasonResponse[];
}

export class FlightOfferResponse {
  @ApiProperty({ format: 'uuid', description: 'Our id of the offer: what a booking names' }) id: string;
  @ApiProperty({ enum: SUPPLIER_NAMES, description: '"sandbox": not a real airline offer' }) supplier: SupplierName;
  @ApiProperty({ type: MoneyDto, description: 'For all passengers, in the currency the supplier sells in' })
  totalAmount: MoneyDto;
  @ApiProperty({
    type: MoneyDto,
    description: "The same in the policy's currency, at the organization's rate (what price sorts on)",
  })
  policyAmount: MoneyDto;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'kg CO2 for all passengers; null when the supplier gives none',
  })
  emissionsKg: number | null;
  @ApiProperty({ description: "Its slices' durations added up" }) durationMinutes: number;
  @ApiProperty({ description: 'The most connections of any slice' }) stops: number;
  @ApiProperty({ type: CarrierResponse }) owner: CarrierResponse;
  @ApiProperty({ enum: CABINS }) cabin: Cabin;
  @ApiProperty({ type: [FlightSliceResponse] }) slices: FlightSliceResponse[];
  @ApiProperty({ type: FareConditionsResponse }) conditions: FareConditionsResponse;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: OfferPolicyResponse }) policy: OfferPolicyResponse;
}

export class SearchedSliceResponse {
  @ApiProperty({ example: 'FRA' }) origin: string;
  @ApiProperty({ example: 'JFK' }) destination: string;
  @ApiProperty({ format: 'date' }) departureDate: string;
}

export class FlightSearchResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ enum: SUPPLIER_NAMES }) supplier: SupplierName;
  @ApiProperty({ type: [SearchedSliceResponse] }) slices: SearchedSliceResponse[];
  @ApiProperty() passengers: number;
  @ApiProperty({ enum: CABINS }) cabin: Cabin;
  @ApiProperty({ type: Number, nullable: true }) maxConnections: number | null;
  @ApiProperty({ description: 'The travel-policy version every offer was judged against' }) policyVersion: number;
  @ApiProperty({ example: 'EUR' }) policyCurrency: string;
  @ApiProperty({ description: 'Offers the supplier returned (expired ones included)' }) offerCount: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When its last offer expires' }) expiresAt: string;
}

/** A page of a search's offers that have not expired, sorted and filtered as asked, with the search. */
export class FlightOffersPage extends PageOf(FlightOfferResponse) {
  @ApiProperty({ type: FlightSearchResponse }) search: FlightSearchResponse;
}
