import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { MoneyDto } from '../../common/money/money.dto';
import { IsCanonicalTimeZone, IsOmittable } from '../../common/validation/validators';
import { trim } from '../../common/validation/text';
import { ACTIVITY_TYPES, ActivityType } from '../activity.entity';
import type { Conflict } from '../itinerary-conflicts';

/** An instant with an explicit offset: "2026-03-12T23:30:00+09:00" or "…Z". */
function IsInstant(): PropertyDecorator {
  return (target, key) => {
    IsISO8601({ strict: true }, { message: '$property must be an ISO 8601 date-time with offset' })(target, key);
    Matches(/T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/, {
      message: '$property must be an ISO 8601 date-time with offset',
    })(target, key);
  };
}

const nullable = (_: object, value: unknown) => value !== null;

export class CreateActivityDto {
  @ApiProperty({ example: 'Customer workshop', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  title: string;

  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES)
  type: ActivityType;

  @ApiProperty({ example: '2026-03-10T09:30:00+01:00' })
  @IsInstant()
  startsAt: string;

  @ApiPropertyOptional({ type: String, example: '2026-03-10T12:00:00+01:00', nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsInstant()
  endsAt?: string | null;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: "IANA zone it is shown in; defaults to the trip's" })
  @IsOmittable()
  @IsCanonicalTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'America/New_York',
    description: 'IANA zone the activity ends in, when not `timezone` (a flight or an overnight train)',
  })
  @IsOptional()
  @ValidateIf(nullable)
  @IsCanonicalTimeZone()
  endTimezone?: string | null;

  @ApiPropertyOptional({ type: String, maxLength: 200, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  locationName?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 52.5163 })
  @IsOptional()
  @ValidateIf(nullable)
  @IsLatitude()
  latitude?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, example: 13.3777 })
  @IsOptional()
  @ValidateIf(nullable)
  @IsLongitude()
  longitude?: number | null;

  @ApiPropertyOptional({ type: String, maxLength: 5000, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(5000)
  notes?: string | null;

  @ApiPropertyOptional({ type: MoneyDto, nullable: true })
  @IsOptional()
  @ValidateIf(nullable)
  @ValidateNested()
  @Type(() => MoneyDto)
  cost?: MoneyDto | null;

  @ApiPropertyOptional({ type: String, maxLength: 100, nullable: true, example: 'LH2Q8X' })
  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(100)
  bookingReference?: string | null;
}

/** Every field may be left out; `null` only where documented nullable. */
export class UpdateActivityDto extends PartialType(CreateActivityDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'The version you read; a stale one is refused with 409 and code STALE_VERSION' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReorderActivitiesDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    description:
      'Every activity id of the trip, in the new order; only activities starting at the same instant may swap',
  })
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  activityIds: string[];
}

export class ActivityResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: ActivityType;
  @ApiProperty({ description: "ISO 8601 with the offset of the activity's zone" }) startsAt: string;
  @ApiProperty({ type: String, nullable: true }) endsAt: string | null;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'America/New_York',
    description: "`endsAt` carries this zone's offset",
  })
  endTimezone: string | null;
  @ApiProperty({ type: String, nullable: true }) locationName: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) cost: MoneyDto | null;
  @ApiProperty({ type: String, nullable: true }) bookingReference: string | null;
  @ApiProperty({
    description:
      'Index in the itinerary: time order, then the manual order among activities starting at the same instant',
  })
  position: number;
  @ApiProperty({ description: 'Send it back with an edit (`version` or If-Match)' }) version: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class ConflictResponse implements Conflict {
  @ApiProperty({ enum: ['overlap', 'impossible_travel'] }) type: 'overlap' | 'impossible_travel';
  @ApiProperty({ type: [String], format: 'uuid' }) activityIds: [string, string];
  @ApiProperty() message: string;
  @ApiPropertyOptional() distanceKm?: number;
  @ApiPropertyOptional() availableMinutes?: number;
  @ApiPropertyOptional() requiredMinutes?: number;
}

export class ItineraryResponse {
  @ApiProperty({ type: [ActivityResponse], description: 'In itinerary order' }) items: ActivityResponse[];
  @ApiProperty({ type: [ConflictResponse] }) conflicts: ConflictResponse[];
}
