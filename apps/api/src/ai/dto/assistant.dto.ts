import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { ACTIVITY_TYPES, type ActivityType } from '../../activities/activity.entity';
import { CreateActivityDto } from '../../activities/dto/activity.dto';
import { MoneyDto } from '../../common/money/money.dto';
import { PolicyReasonResponse } from '../../policy/dto/policy-verdict.dto';
import { VERDICTS, type Verdict } from '../../policy/policy-verdict';
import { IsOmittable } from '../../common/validation/validators';
import { trim } from '../../common/validation/text';
import { IsCalendarDate } from '../../trips/dto/trip.dto';

/** What a person may add to a request to the model. */
export const MAX_REQUEST_LENGTH = 500;

export class SuggestionsDto {
  @ApiPropertyOptional({
    example: '2026-03-10',
    format: 'date',
    description: 'One day of the trip; the whole trip when left out',
  })
  @IsOmittable()
  @IsCalendarDate()
  date?: string;

  @ApiPropertyOptional({ maxLength: MAX_REQUEST_LENGTH, example: 'Something relaxed after the workshop' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(MAX_REQUEST_LENGTH)
  request?: string;
}

export class NoteResponse {
  @ApiProperty({ example: 'COORDINATES_DROPPED' }) code: string;
  @ApiProperty() message: string;
}

export class ProposalResponse {
  @ApiProperty({ example: 'p1', description: 'Stable within the response (for checkboxes)' }) key: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) type: ActivityType;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: String, nullable: true, example: '12:30' }) startTime: string | null;
  @ApiProperty({ type: String, nullable: true, example: '13:30' }) endTime: string | null;
  @ApiProperty({ example: 'Europe/Berlin' }) timezone: string;
  @ApiProperty({ type: String, nullable: true }) placeName: string | null;
  @ApiProperty({ type: Number, nullable: true }) latitude: number | null;
  @ApiProperty({ type: Number, nullable: true }) longitude: number | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty({ type: MoneyDto, nullable: true }) estimatedCost: MoneyDto | null;
  @ApiProperty({
    type: CreateActivityDto,
    description: 'Exactly what to POST to /api/trips/{tripId}/activities to accept the proposal',
  })
  activity: CreateActivityDto;
  @ApiProperty({ type: [NoteResponse], description: 'What our rules repaired; empty when accepted as is' })
  validation: NoteResponse[];
}

export class DroppedProposalResponse {
  @ApiProperty() title: string;
  @ApiProperty({ type: [NoteResponse] }) reasons: NoteResponse[];
}

export class SuggestionsResponse {
  @ApiProperty({ type: [ProposalResponse] }) proposals: ProposalResponse[];
  @ApiProperty({ type: [DroppedProposalResponse], description: 'What our rules refused, and why' })
  dropped: DroppedProposalResponse[];
  @ApiProperty({ example: 'gpt-4o-mini' }) model: string;
}

export class TripPlanDto {
  @ApiProperty({ maxLength: MAX_REQUEST_LENGTH, example: '3 days in Tokyo for the Q3 partner summit, arriving Monday' })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REQUEST_LENGTH)
  sentence: string;
}

export class DayOptimisationDto {
  @ApiProperty({ example: '2026-03-10', format: 'date' })
  @IsCalendarDate()
  date: string;

  @ApiPropertyOptional({
    description: 'Save the proposed order (the same rules as PUT /api/trips/{tripId}/activities/order)',
  })
  @IsOmittable()
  @IsBoolean()
  apply?: boolean;
}

export class DistanceResponse {
  @ApiProperty({ description: 'Kilometres between consecutive located activities, current order' }) before: number;
  @ApiProperty({ description: 'The same in the proposed order' }) after: number;
}

export class DayOptimisationResponse {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The whole day in the proposed order' })
  activityIds: string[];
  @ApiProperty({ type: [String], format: 'uuid', description: 'Activities whose place changed' }) moved: string[];
  @ApiProperty({ type: DistanceResponse }) distanceKm: DistanceResponse;
  @ApiProperty({ description: 'The order was saved (apply, and something moved)' }) applied: boolean;
}

export class DraftTripResponse {
  @ApiProperty() title: string;
  @ApiProperty() destination: string;
  @ApiPropertyOptional() destinationCountry?: string;
  @ApiPropertyOptional({ example: 'Asia/Tokyo' }) timezone?: string;
  @ApiPropertyOptional() latitude?: number;
  @ApiPropertyOptional() longitude?: number;
  @ApiProperty({ format: 'date' }) startDate: string;
  @ApiProperty({ format: 'date' }) endDate: string;
  @ApiPropertyOptional() purpose?: string;
}

export class PlanDestinationResponse {
  @ApiProperty() name: string;
  @ApiProperty({ example: 'JP' }) countryCode: string;
  @ApiProperty() latitude: number;
  @ApiProperty() longitude: number;
  @ApiProperty({ example: 'Asia/Tokyo' }) timezone: string;
}

export class TripPlanResponse {
  @ApiProperty({ type: DraftTripResponse, description: 'Exactly what to POST to /api/trips' }) trip: DraftTripResponse;
  @ApiProperty({
    type: PlanDestinationResponse,
    nullable: true,
    description: 'The destination as our places data resolved it; null when unclear',
  })
  destination: PlanDestinationResponse | null;
  @ApiProperty({ type: [ProposalResponse], description: 'Activity bodies to POST once the trip exists' })
  proposals: ProposalResponse[];
  @ApiProperty({ type: [DroppedProposalResponse] }) dropped: DroppedProposalResponse[];
  @ApiProperty({ type: [NoteResponse], description: 'What was repaired in the trip itself' }) notes: NoteResponse[];
  @ApiProperty({ example: 'gpt-4o-mini' }) model: string;
}

export class BriefingDto {
  @ApiProperty({ example: '2026-03-10', format: 'date' })
  @IsCalendarDate()
  date: string;
}

export class VerdictExplanationDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A booking of the trip; neither: the trip's own verdict" })
  @IsOmittable()
  @IsUUID()
  bookingId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A stored flight offer of one of the trip’s searches' })
  @IsOmittable()
  @IsUUID()
  offerId?: string;
}

export class VerdictExplanationResponse {
  @ApiProperty({ enum: VERDICTS, description: "The engine's verdict, unchanged" }) verdict: Verdict;
  @ApiProperty({ type: [PolicyReasonResponse], description: "The engine's reasons, unchanged" })
  reasons: PolicyReasonResponse[];
  @ApiProperty({ description: 'Plain language, grounded in the reasons only' }) explanation: string;
}
