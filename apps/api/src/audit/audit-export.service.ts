import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { AuthContext } from '../common/auth/auth-context';
import { DomainError } from '../common/errors/domain-error';
import { AuditErrorCode } from '../common/errors/error-codes';
import { csvLine } from './audit-csv';
import { AuditRepository, type NamedAuditEvent } from './audit.repository';
import type { AuditFilter } from './dto/audit.dto';

/** Beyond this many events an export is refused: narrow the date range instead. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

const HEADER = ['time', 'action', 'actor', 'object type', 'object', 'from', 'to', 'reason', 'actor id', 'object id'];

/** The audit log as CSV, streamed from the database in batches. */
@Injectable()
export class AuditExportService {
  constructor(private readonly audit: AuditRepository) {}

  async csv(ctx: AuthContext, filter: AuditFilter, maxRows = AUDIT_EXPORT_MAX_ROWS): Promise<Readable> {
    const total = await this.audit.count(ctx, filter);
    if (total > maxRows) {
      throw new DomainError(
        AuditErrorCode.ExportTooLarge,
        `${total} events match; an export holds at most ${maxRows}. Narrow the date range or the filters`,
      );
    }
    const events = this.audit.each(ctx, filter);
    return Readable.from(
      (async function* () {
        yield csvLine(HEADER);
        for await (const named of events) yield csvLine(row(named));
      })(),
    );
  }
}

function row({ event, actorName, entityName }: NamedAuditEvent): string[] {
  const text = (key: string) => (typeof event.data[key] === 'string' ? (event.data[key] as string) : '');
  return [
    event.createdAt.toISOString(),
    event.action,
    actorName ?? '',
    event.entityType,
    entityName ?? '',
    text('from'),
    text('to'),
    text('reason'),
    event.actorId,
    event.entityId,
  ];
}
