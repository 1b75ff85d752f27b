import { ApiProperty } from '@nestjs/swagger';
import { OutboxMessage, OutboxStatus } from '../events/outbox-message.entity';
import { maskSecretLinks } from './secret-links';
import { PageOf } from '../common/http/pagination.dto';

export class OutboxMessageResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() to: string;
  @ApiProperty() subject: string;
  @ApiProperty() text: string;
  @ApiProperty({ enum: OutboxStatus }) status: OutboxStatus;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: String, nullable: true }) deliveredVia: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
}

export class OutboxPage extends PageOf(OutboxMessageResponse) {}

export function toOutboxMessageResponse(message: OutboxMessage): OutboxMessageResponse {
  return {
    id: message.id,
    // Listed rows are e-mail rows, whose message fields are never null (chk_outbox_kind).
    to: message.to ?? '',
    subject: message.subject ?? '',
    // The admin may see that an invitation went out, not use its link: that is for the invitee.
    text: maskSecretLinks(message.text ?? ''),
    status: message.status,
    attempts: message.attempts,
    deliveredVia: message.deliveredVia,
    lastError: message.lastError,
    createdAt: message.createdAt.toISOString(),
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
  };
}
