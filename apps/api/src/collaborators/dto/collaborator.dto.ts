import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { trim } from '../../common/validation/text';
import { IsOmittable } from '../../common/validation/validators';
import { COLLABORATOR_ROLES, type CollaboratorRole } from '../trip-collaborator.entity';

export class PutCollaboratorDto {
  @ApiProperty({ enum: COLLABORATOR_ROLES, description: '`viewer` sees and comments; `editor` also plans' })
  @IsIn(COLLABORATOR_ROLES)
  role: CollaboratorRole;
}

export class CollaboratorResponse {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: COLLABORATOR_ROLES }) role: CollaboratorRole;
  @ApiProperty({ format: 'date-time' }) addedAt: string;
}

export class CollaboratorListResponse {
  @ApiProperty({ type: [CollaboratorResponse] }) items: CollaboratorResponse[];
}

export class CandidateQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Part of a name or e-mail' })
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class CandidateResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
}

export class CandidateListResponse {
  @ApiProperty({ type: [CandidateResponse] }) items: CandidateResponse[];
}
