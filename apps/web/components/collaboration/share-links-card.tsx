'use client';

import { useState } from 'react';
import { Alert, Button, Card, Field, Loading, Select } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useCreateShareLink, useRevokeShareLink, useShareLinks } from '@/lib/api/collaboration';
import { formatDay } from '@/lib/time/zoned-time';
import styles from './collaboration.module.css';

/** Read-only links for people outside the company: made, copied once, revoked. */
export function ShareLinksCard({ tripId }: { tripId: string }) {
  const links = useShareLinks(tripId, true);
  const create = useCreateShareLink(tripId);
  const revoke = useRevokeShareLink(tripId);
  const [days, setDays] = useState(14);
  const [copied, setCopied] = useState(false);
  const active = links.data?.items.filter((link) => link.active) ?? [];

  return (
    <Card
      title="Share outside the company"
      description="A read-only page with the itinerary and map: no costs, no names, no comments"
    >
      <form
        className={styles.row}
        onSubmit={(event) => {
          event.preventDefault();
          setCopied(false);
          create.mutate(days);
        }}
      >
        <Field label="Expires after">
          <Select value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {[1, 7, 14, 30, 90].map((value) => (
              <option key={value} value={value}>
                {value === 1 ? '1 day' : `${value} days`}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" loading={create.isPending}>
          Create link
        </Button>
      </form>
      {create.data && (
        <Alert
          tone="success"
          title="Link created: copy it now, it is shown only once"
          actions={
            <Button
              size="sm"
              onClick={async () => {
                await navigator.clipboard?.writeText(create.data.url);
                setCopied(true);
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          }
        >
          <span className={styles.url} data-testid="share-url">
            {create.data.url}
          </span>
        </Alert>
      )}
      {links.isPending ? (
        <Loading label="Loading the links…" />
      ) : links.isError ? (
        <Alert tone="danger">{describeError(links.error)}</Alert>
      ) : active.length === 0 ? (
        <p className={styles.muted}>No active link.</p>
      ) : (
        <ul className={styles.list} aria-label="Active links">
          {active.map((link) => (
            <li key={link.id} className={styles.row}>
              <span className={styles.grow}>Expires {formatDay(link.expiresAt.slice(0, 10), undefined, true)}</span>
              <Button
                size="sm"
                variant="danger"
                loading={revoke.isPending && revoke.variables === link.id}
                onClick={() => revoke.mutate(link.id)}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      {(create.error ?? revoke.error) && <Alert tone="danger">{describeError(create.error ?? revoke.error)}</Alert>}
    </Card>
  );
}
