import { ApiProperty } from '@nestjs/swagger';
import { TripResponse } from './trip.dto';

export class TripDeciderResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null when the approver is no longer a member' }) name:
    string | null;
}

/** The last approval or rejection, as the traveller needs to read it. */
export class TripDecisionResponse {
  @ApiProperty({ enum: ['approved', 'rejected'] }) outcome: 'approved' | 'rejected';
  @ApiProperty({ type: String, nullable: true, description: "The rejection reason or the approver's comment" }) reason:
    string | null;
  @ApiProperty({ type: TripDeciderResponse }) decidedBy: TripDeciderResponse;
  @ApiProperty({ type: String, format: 'date-time' }) decidedAt: string;
  @ApiProperty({
    description:
      'Approved at submission because the trip was in policy and the organization auto-approves (decidedBy is then the submitter)',
  })
  automatic: boolean;
}

export class TripDetailResponse extends TripResponse {
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the trip was last submitted for approval',
  })
  submittedAt: string | null;
  @ApiProperty({
    type: TripDecisionResponse,
    nullable: true,
    description: 'The last approval or rejection (kept while a rejected trip is revised)',
  })
  decision: TripDecisionResponse | null;
}
