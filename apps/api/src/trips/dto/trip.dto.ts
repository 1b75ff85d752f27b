import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsLatitude,
  IsLongitude,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { COST_CENTRE_PATTERN, trim } from '../../common/validation/text';
import { PageOf, PaginationQuery } from '../../common/http/pagination.dto';
import { PolicyVerdictResponse } from '../../policy/dto/policy-verdict.dto';
import { MoneyDto } from '../../common/money/money.dto';
import { DATE_PATTERN, IsCanonicalTimeZone, IsOmittable } from '../../common/validation/validators';
import { TRIP_PERMISSIONS, type TripPermission } from '../trip-access';
import { TRIP_STATUSES, TripStatus } from '../trip-status.machine';
import { MAX_TRIP_TRAVELLERS } from '../trip-travellers';

const DATE_MESSAGE = 'must be a date YYYY-MM-DD';

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export function IsCalendarDate(): PropertyDecorator {
  return (target, key) => {
    Matches(DATE_PATTERN, { message: `$property ${DATE_MESSAGE}` })(target, key);
    IsISO8601({ strict: true }, { message: `$property ${DATE_MESSAGE}` })(target, key);
  };
}

export class CreateTripDto {
  @ApiProperty({ example: 'Sales kick-off Berlin', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ example: 'Berlin', maxLength: 200, description: 'Destination name (from /api/places or free text)' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  destination: string;

  @ApiPropertyOptional({ example: 'Germany', maxLength: 100 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  destinationCountry?: string;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: "IANA zone; defaults to the destination's" })
  @IsOptional()
  @IsCanonicalTimeZone()
  timezone?: string;

  @ApiProperty({ example: '2026-03-09', format: 'date' })
  @IsCalendarDate()
  startDate: string;

  @ApiProperty({ example: '2026-03-12', format: 'date' })
  @IsCalendarDate()
  endDate: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  purpose?: string;

  @ApiPropertyOptional({
    example: 'ENG-Berlin',
    maxLength: 60,
    description: 'The cost centre that pays (letters, digits, space . _ / -, starting with a letter or digit)',
  })
  @IsOptional()
  @Transform(trim)
  @Matches(COST_CENTRE_PATTERN, {
    message: 'costCentre must start with a letter or digit and hold at most 60 letters, digits, spaces or . _ / -',
  })
  costCentre?: string;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  budget?: MoneyDto;

  @ApiPropertyOptional({ example: 52.52 })
  @IsOptional()
  @IsLatitude()
  latitude?: number;

  @ApiPropertyOptional({ example: 13.405 })
  @IsOptional()
  @IsLongitude()
  longitude?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'Managers and admins may plan a trip for a colleague' })
  @IsOptional()
  @IsUUID()
  travellerId?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    isArray: true,
    maxItems: MAX_TRIP_TRAVELLERS - 1,
    description:
      "The trip's other travellers besides the lead (`travellerId`), in order: active members of the organization. They see the trip (docs/access.md). On PATCH it replaces the list ([] removes them all)",
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(MAX_TRIP_TRAVELLERS - 1)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  coTravellerIds?: string[];
}

/** Every field may be left out; `null` only where the trip may lack the value (not title or dates). */
export class UpdateTripDto extends PartialType(OmitType(CreateTripDto, ['travellerId'] as const), {
  skipNullProperties: false,
}) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

/** Allow-listed sort keys → columns; anything else is a 400 (no SQL from the query string). */
export const TRIP_SORTS = {
  startDate: 'start_date',
  start_date: 'start_date',
  endDate: 'end_date',
  end_date: 'end_date',
  createdAt: 'created_at',
  created_at: 'created_at',
  updatedAt: 'updated_at',
  title: 'title',
  status: 'status',
} as const;

export class TripQuery extends PaginationQuery {
  @ApiPropertyOptional({ description: 'One status or several, comma-separated', example: 'submitted' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s) => s.trim()) : value))
  @IsIn(TRIP_STATUSES, { each: true })
  status?: TripStatus[];

  @ApiPropertyOptional({ format: 'date', description: 'Trips that end on or after this date' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Trips that start on or before this date' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Trips this person travels on, as the lead or a co-traveller' })
  @IsOptional()
  @IsUUID()
  travellerId?: string;

  @ApiPropertyOptional({
    type: Boolean,
    description: 'Also the trips shared with you (as a collaborator): with `travellerId` = you, "my trips"',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  sharedWithMe?: boolean;

  @ApiPropertyOptional({ description: 'Text in the title or destination', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: Object.keys(TRIP_SORTS), default: 'startDate' })
  @IsOptional()
  @IsIn(Object.keys(TRIP_SORTS))
  sort: keyof typeof TRIP_SORTS = 'startDate';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'asc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  order: 'asc' | 'desc' = 'asc';
}

export class TransitionDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Why (shown to the traveller; recorded in the audit log)' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

/** Who travels, so lists can show a name without looking up every member. */
export class TripTravellerResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
}

/** Submitting may carry the traveller's reason for going out of policy (policy `allowed_with_reason`). */
export class SubmitTripDto extends TransitionDto {
  @ApiPropertyOptional({ example: 'client_requirement', description: "One of the policy's reasonCodes" })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  reasonCode?: string;
}

export class TripResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() destination: string;
  @ApiProperty({ type: String, nullable: true }) destinationCountry: string | null;
  @ApiProperty({ type: String, nullable: true }) timezone: string | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: String, nullable: true }) purpose: string | null;
  @ApiProperty({ type: String, nullable: true }) costCentre: string | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) budget: MoneyDto | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ enum: TRIP_STATUSES }) status: TripStatus;
  @ApiProperty({
    enum: TRIP_PERMISSIONS,
    enumName: 'TripPermission',
    isArray: true,
    description: 'What the caller may do with the trip now (docs/access.md); the API refuses the rest',
  })
  allowedActions: TripPermission[];
  @ApiProperty({ format: 'uuid' }) travellerId: string;
  @ApiProperty({ type: TripTravellerResponse }) traveller: TripTravellerResponse;
  @ApiProperty({
    type: [TripTravellerResponse],
    description: 'Everyone who travels: the lead traveller first (as `traveller`), then the co-travellers in order',
  })
  travellers: TripTravellerResponse[];
  @ApiProperty({
    type: PolicyVerdictResponse,
    nullable: true,
    description: "The travel policy's verdict on the last submission (null before it)",
  })
  policy: PolicyVerdictResponse | null;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class TripsPage extends PageOf(TripResponse) {}
