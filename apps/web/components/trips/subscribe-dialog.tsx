'use client';

import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, Field, Input } from '@/components/ui';
import { describeError } from '@/lib/api/api-error';
import { useCalendarFeed, useResetCalendarFeed, type FeedScope } from '@/lib/api/calendar';
import styles from './subscribe-dialog.module.css';

const SCOPE_TEXT = {
  all: 'All your trips appear and stay up to date.',
  trip: 'This trip and its activities appear and stay up to date.',
} as const;

/**
 * The subscription addresses (all trips, or this trip). Opening shows the current address, the
 * one calendars already use; only an explicit, confirmed reset replaces it.
 */
export function SubscribeDialog({ open, tripId, onClose }: { open: boolean; tripId: string; onClose(): void }) {
  const [kind, setKind] = useState<'all' | 'trip'>('all');
  const [copied, setCopied] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const scope: FeedScope = kind === 'all' ? 'all' : { tripId };
  const feed = useCalendarFeed(scope, open);
  const reset = useResetCalendarFeed(scope);

  const choose = (next: 'all' | 'trip') => {
    setKind(next);
    setCopied(false);
    setConfirmReset(false);
    reset.reset();
  };

  return (
    <Dialog open={open} title="Subscribe to your trips" onClose={onClose}>
      <fieldset className={styles.scope}>
        <legend>Subscribe to</legend>
        <label>
          <input type="radio" name="feed-scope" checked={kind === 'all'} onChange={() => choose('all')} />
          All my trips
        </label>
        <label>
          <input type="radio" name="feed-scope" checked={kind === 'trip'} onChange={() => choose('trip')} />
          Only this trip
        </label>
      </fieldset>
      <p>
        Add this address to Outlook, Google Calendar or Apple Calendar as a subscription (“From URL”).{' '}
        {SCOPE_TEXT[kind]} Keep it private: anyone with the address can read what it shows.
      </p>
      {feed.isPending && <p role="status">Getting your private address…</p>}
      {feed.isError && <Alert tone="danger">{describeError(feed.error)}</Alert>}
      {reset.isError && <Alert tone="danger">{describeError(reset.error)}</Alert>}
      {reset.isSuccess && !confirmReset && (
        <Alert tone="success">New address ready. Subscribe again with it: the old one no longer works.</Alert>
      )}
      {feed.data && (
        <Field
          label="Calendar feed address"
          hint={
            copied ? 'Copied to the clipboard.' : 'The same address every time you open this; calendars keep updating.'
          }
        >
          <Input readOnly value={feed.data.url} onFocus={(event) => event.currentTarget.select()} />
        </Field>
      )}
      {confirmReset && (
        <Alert
          tone="warning"
          title="Reset the address?"
          actions={
            <>
              <Button
                size="sm"
                variant="danger"
                loading={reset.isPending}
                onClick={() => reset.mutate(undefined, { onSuccess: () => setConfirmReset(false) })}
              >
                Reset address
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setConfirmReset(false)}>
                Keep this address
              </Button>
            </>
          }
        >
          Every calendar subscribed to the current address stops updating, and needs the new address. Reset only if the
          address was shared with someone who should not have it.
        </Alert>
      )}
      <DialogActions>
        <Button variant="ghost" onClick={() => setConfirmReset(true)} disabled={!feed.data || confirmReset}>
          Reset address…
        </Button>
        <Button
          variant="primary"
          disabled={!feed.data}
          onClick={async () => {
            if (!feed.data) return;
            await navigator.clipboard?.writeText(feed.data.url).catch(() => undefined);
            setCopied(true);
          }}
        >
          Copy address
        </Button>
        <Button onClick={onClose}>Done</Button>
      </DialogActions>
    </Dialog>
  );
}
