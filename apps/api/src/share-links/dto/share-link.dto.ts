import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ACTIVITY_TYPES, type ActivityType } from '../../activities/activity.entity';
import { IsOmittable } from '../../common/validation/validators';

export const MAX_SHARE_DAYS = 90;

export class CreateShareLinkDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SHARE_DAYS, default: 14, description: 'Days until the link expires' })
  @IsOmittable()
  @IsInt()
  @Min(1)
  @Max(MAX_SHARE_DAYS)
  expiresInDays?: number;
}

export class ShareLinkResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) tripId: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ description: 'Neither revoked nor expired' }) active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CreatedShareLinkResponse extends ShareLinkResponse {
  @ApiProperty({ description: 'The public address; shown only now (only a hash of its token is stored)' })
  url: string;
}

export class ShareLinkListResponse {
  @ApiProperty({ type: [ShareLinkResponse] }) items: ShareLinkResponse[];
}

/** An activity as the public page shows it: where and when, never costs, notes or booking references. */
export class SharedActivityResponse {
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: ActivityType;
  @ApiProperty() startsAt: string;
  @ApiProperty({ type: String, nullable: true }) endsAt: string | null;
  @ApiProperty() timezone: string;
  @ApiProperty({ type: String, nullable: true }) endTimezone: string | null;
  @ApiProperty({ type: String, nullable: true }) locationName: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
}

/** A trip through its share link: the itinerary and map data, without costs, people or comments. */
export class SharedTripResponse {
  @ApiProperty() title: string;
  @ApiProperty() destination: string;
  @ApiProperty({ type: String, nullable: true }) destinationCountry: string | null;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiProperty({ type: String, nullable: true }) timezone: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: [SharedActivityResponse] }) activities: SharedActivityResponse[];
  @ApiProperty({ format: 'date-time', description: 'When the link stops working' }) expiresAt: string;
}
