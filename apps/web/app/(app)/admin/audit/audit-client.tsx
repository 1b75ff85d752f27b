'use client';

import type { Schemas } from '@nestmap/api-client';
import Link from 'next/link';
import { useState } from 'react';
import { DayRangeFields, dayRangeError } from '@/components/admin/day-range-fields';
import { PagedTable } from '@/components/admin/paged-list';
import { useUser } from '@/components/session/session-provider';
import { Alert, Badge, Button, Card, EmptyState, Field, PageHeader, Select, tableStyles } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { saveFile } from '@/lib/api/download';
import { fetchAuditCsv, useAudit, type AuditAction, type AuditEntityType } from '@/lib/api/organization';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  dayRangeToInstants,
  describeAction,
  summariseData,
} from '@/lib/audit/audit-labels';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

type AuditEvent = Schemas['AuditEventResponse'];

/** The object an event is about, by name: a link to a trip that still exists. */
function EventObject({ event }: { event: AuditEvent }) {
  const name = event.entityName ?? (event.entityType === 'trip' ? 'A deleted trip' : 'No longer exists');
  if (event.entityType === 'trip' && event.action !== 'trip.deleted' && event.entityName) {
    return <Link href={`/trips/${event.entityId}`}>{name}</Link>;
  }
  return <span>{name}</span>;
}

export function AuditClient() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState<AuditAction | ''>('');
  const [entityType, setEntityType] = useState<AuditEntityType | ''>('');
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const rangeError = dayRangeError(fromDay, toDay);
  const filters = {
    action: action || undefined,
    entityType: entityType || undefined,
    ...(rangeError ? {} : dayRangeToInstants(fromDay, toDay)),
  };
  const audit = useAudit({ page, ...filters });
  const filtered = Boolean(action || entityType || fromDay || toDay);

  const change =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };

  const exportCsv = async () => {
    setExporting(true);
    setExportError(null);
    try {
      const { blob, filename } = await fetchAuditCsv(filters);
      saveFile(blob, filename);
    } catch (error) {
      setExportError(describeError(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when. Append-only: nobody can edit or delete an entry."
        actions={
          <Button onClick={exportCsv} loading={exporting} disabled={Boolean(rangeError)}>
            Export CSV
          </Button>
        }
      />
      {exportError && (
        <div style={{ marginBottom: 'var(--space-4)' }}>
          <Alert tone="danger" title="The export failed">
            {exportError}
          </Alert>
        </div>
      )}
      <Card>
        <form
          className={`${styles.filters} ${styles.auditFilters}`}
          role="search"
          aria-label="Filter the audit log"
          onSubmit={(event) => event.preventDefault()}
        >
          <Field label="Action">
            <Select value={action} onChange={(event) => change(setAction)(event.target.value as AuditAction | '')}>
              <option value="">Any action</option>
              {Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <Field label="About">
            <Select
              value={entityType}
              onChange={(event) => change(setEntityType)(event.target.value as AuditEntityType | '')}
            >
              <option value="">Anything</option>
              {Object.entries(AUDIT_ENTITY_LABELS).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </Select>
          </Field>
          <DayRangeFields from={fromDay} to={toDay} onFromChange={change(setFromDay)} onToChange={change(setToDay)} />
          {filtered && (
            <Button
              variant="ghost"
              onClick={() => {
                setAction('');
                setEntityType('');
                setFromDay('');
                setToDay('');
                setPage(1);
              }}
            >
              Clear
            </Button>
          )}
        </form>
        <PagedTable
          query={audit}
          caption="Audit log"
          noun={{ one: 'entry', other: 'entries' }}
          onPageChange={setPage}
          loadingLabel="Loading the audit log…"
          empty={
            <EmptyState icon="log" title={filtered ? 'No entry matches' : 'Nothing recorded yet'}>
              {filtered
                ? 'Try another action or dates, or clear the filters.'
                : 'Trip decisions, role changes and invitations are recorded here as they happen.'}
            </EmptyState>
          }
          columns={
            <>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Details</th>
            </>
          }
          row={(event) => (
            <tr key={event.id}>
              <td data-label="When" className={`${tableStyles.nowrap} ${tableStyles.muted}`}>
                {formatTimestamp(event.createdAt)}
              </td>
              <td data-label="Who">{event.actorId === user.id ? 'You' : (event.actorName ?? 'Former member')}</td>
              <td data-label="What">
                <Badge tone="info">{describeAction(event.action)}</Badge> <EventObject event={event} />
              </td>
              <td data-label="Details" className={styles.code}>
                {summariseData(event.data ?? {}) || '—'}
              </td>
            </tr>
          )}
        />
      </Card>
    </>
  );
}
