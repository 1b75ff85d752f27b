'use client';

import { useState } from 'react';
import { Alert, Button, buttonClassName, Dialog, DialogActions, Field, Input } from '@/components/ui';
import { describeError, toApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { useCalendarFeed } from '@/lib/api/trips';

/**
 * "Add to calendar" downloads the trip's .ics. The route needs the access token, which only this
 * page holds (not a cookie), so it is fetched and handed to the browser as a file.
 */
export function CalendarActions({ tripId, title }: { tripId: string; title: string }) {
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  const feed = useCalendarFeed();
  const href = `/api/trips/${tripId}/calendar.ics`;

  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      const {
        data: blob,
        error: body,
        response,
      } = await api.GET('/api/trips/{id}/calendar.ics', { params: { path: { id: tripId } }, parseAs: 'blob' });
      if (!response.ok || !blob) throw toApiError(response, body);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `${title.replace(/[^\p{L}\p{N} _-]/gu, '').trim() || 'trip'}.ics`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <a
        href={href}
        className={buttonClassName({})}
        aria-busy={downloading || undefined}
        download
        onClick={(event) => {
          event.preventDefault();
          if (!downloading) void download();
        }}
      >
        {downloading ? 'Preparing…' : 'Add to calendar'}
      </a>
      <Button
        onClick={() => {
          setOpen(true);
          setCopied(false);
          if (!feed.data) feed.mutate();
        }}
      >
        Subscribe
      </Button>
      {error && (
        <div style={{ flexBasis: '100%' }}>
          <Alert tone="danger">{error}</Alert>
        </div>
      )}
      <Dialog open={open} title="Subscribe to your trips" onClose={() => setOpen(false)}>
        <p>
          Add this address to Outlook, Google Calendar or Apple Calendar as a subscription (“From URL”). All your trips
          appear and stay up to date. Keep it private: anyone with the address can read your trips.
        </p>
        {feed.isPending && <p role="status">Creating your private address…</p>}
        {feed.isError && <Alert tone="danger">{describeError(feed.error)}</Alert>}
        {feed.data && (
          <Field
            label="Calendar feed address"
            hint={copied ? 'Copied to the clipboard.' : 'Creating a new address turns the previous one off.'}
          >
            <Input readOnly value={feed.data.url} onFocus={(event) => event.currentTarget.select()} />
          </Field>
        )}
        <DialogActions>
          <Button variant="ghost" onClick={() => feed.mutate()} loading={feed.isPending} disabled={!feed.data}>
            New address
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
          <Button onClick={() => setOpen(false)}>Done</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
