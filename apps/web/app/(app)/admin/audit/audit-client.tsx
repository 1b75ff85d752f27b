'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useUser } from '@/components/session/session-provider';
import {
  Badge,
  Button,
  Card,
  EmptyState,
  Field,
  Input,
  LoadError,
  Loading,
  PageHeader,
  Pagination,
  Select,
  Table,
  tableStyles,
} from '@/components/ui';
import { useAudit, useMemberDirectory } from '@/lib/api/organization';
import { formatTimestamp } from '@/lib/time/zoned-time';
import styles from '../admin.module.css';

const ENTITY_TYPES = ['trip', 'activity', 'user', 'invitation', 'organization', 'travel_policy'];

/** "trip.approved" → "Trip approved". */
export function describeAction(action: string): string {
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The event's data in one line: "from submitted → approved · reason …". */
export function summariseData(data: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof data.from === 'string' && typeof data.to === 'string') parts.push(`${data.from} → ${data.to}`);
  for (const [key, value] of Object.entries(data)) {
    if (key === 'from' || key === 'to' || value === null || value === undefined) continue;
    parts.push(`${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`);
  }
  return parts.join(' · ');
}

export function AuditClient() {
  const user = useUser();
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const [actionFilter, setActionFilter] = useState('');
  const [entityType, setEntityType] = useState('');
  const audit = useAudit({ page, action: actionFilter || undefined, entityType: entityType || undefined });
  const members = useMemberDirectory(true);

  useEffect(() => {
    const timer = setTimeout(() => {
      setActionFilter(action.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(timer);
  }, [action]);

  const actorName = (id: string) => (id === user.id ? 'You' : (members.data?.get(id)?.name ?? 'Former member'));

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what, when. Append-only: nobody can edit or delete an entry."
      />
      <Card>
        <form
          className={styles.filters}
          role="search"
          aria-label="Filter the audit log"
          onSubmit={(event) => event.preventDefault()}
        >
          <Field label="Action">
            <Input
              placeholder="e.g. trip.approved"
              value={action}
              onChange={(event) => setAction(event.target.value)}
            />
          </Field>
          <Field label="About">
            <Select
              value={entityType}
              onChange={(event) => {
                setEntityType(event.target.value);
                setPage(1);
              }}
            >
              <option value="">Anything</option>
              {ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {describeAction(type)}
                </option>
              ))}
            </Select>
          </Field>
          {(action || entityType) && (
            <Button
              variant="ghost"
              onClick={() => {
                setAction('');
                setEntityType('');
              }}
            >
              Clear
            </Button>
          )}
        </form>
        {audit.isPending ? (
          <Loading label="Loading the audit log…" />
        ) : audit.isError ? (
          <LoadError error={audit.error} onRetry={() => audit.refetch()} />
        ) : audit.data.items.length === 0 ? (
          <EmptyState icon="log" title={action || entityType ? 'No entry matches' : 'Nothing recorded yet'}>
            {action || entityType
              ? 'Try another action or clear the filters.'
              : 'Sign-ins, trip decisions, role changes and policy edits are recorded here as they happen.'}
          </EmptyState>
        ) : (
          <>
            <Table caption="Audit log">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {audit.data.items.map((event) => (
                  <tr key={event.id}>
                    <td data-label="When" className={`${tableStyles.nowrap} ${tableStyles.muted}`}>
                      {formatTimestamp(event.createdAt)}
                    </td>
                    <td data-label="Who">{actorName(event.actorId)}</td>
                    <td data-label="What">
                      <Badge tone="info">{describeAction(event.action)}</Badge>{' '}
                      {event.entityType === 'trip' ? (
                        <Link href={`/trips/${event.entityId}`}>
                          {typeof event.data?.title === 'string' ? event.data.title : 'View trip'}
                        </Link>
                      ) : null}
                    </td>
                    <td data-label="Details" className={styles.code}>
                      {summariseData(event.data ?? {}) || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </Table>
            <Pagination
              page={audit.data.page}
              limit={audit.data.limit}
              total={audit.data.total}
              noun={{ one: 'entry', other: 'entries' }}
              onPageChange={setPage}
            />
          </>
        )}
      </Card>
    </>
  );
}
