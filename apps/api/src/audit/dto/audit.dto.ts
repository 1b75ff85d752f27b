import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID } from 'class-validator';
import { PageOf, PaginationQuery } from '../../common/http/pagination.dto';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditEntityType } from '../audit-actions';
import type { NamedAuditEvent } from '../audit.repository';

export class AuditQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: AUDIT_ENTITY_TYPES })
  @IsOptional()
  @IsIn(AUDIT_ENTITY_TYPES)
  entityType?: AuditEntityType;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ enum: AUDIT_ACTIONS })
  @IsOptional()
  @IsIn(AUDIT_ACTIONS)
  action?: AuditAction;

  @ApiPropertyOptional({ description: 'Events at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Events before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** The filters without paging: what the CSV export takes. */
export class AuditFilter extends OmitType(AuditQuery, ['page', 'limit', 'offset'] as const) {}

export class AuditEventResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) actorId: string;
  @ApiProperty({ type: String, nullable: true, description: "The actor's current name" }) actorName: string | null;
  @ApiProperty({ enum: AUDIT_ACTIONS }) action: string;
  @ApiProperty({ enum: AUDIT_ENTITY_TYPES }) entityType: string;
  @ApiProperty({ format: 'uuid' }) entityId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The object's name: a trip's title (as recorded when deleted), a member's name, an invitation's e-mail",
  })
  entityName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data: Record<string, unknown>;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
}

export class AuditPage extends PageOf(AuditEventResponse) {}

export function toAuditEventResponse({ event, actorName, entityName }: NamedAuditEvent): AuditEventResponse {
  return {
    id: event.id,
    actorId: event.actorId,
    actorName,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    entityName,
    data: event.data,
    createdAt: event.createdAt.toISOString(),
  };
}
