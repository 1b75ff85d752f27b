import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
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
