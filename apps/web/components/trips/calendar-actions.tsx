'use client';

import { useState } from 'react';
import { Alert, Button, buttonClassName } from '@/components/ui';
import { describeError, toApiError } from '@/lib/api/api-error';
import { api } from '@/lib/api/client';
import { SubscribeDialog } from './subscribe-dialog';

/**
 * "Add to calendar" downloads the trip's .ics; "Subscribe" shows the feed addresses. The .ics
 * route needs the access token, which only this page holds (not a cookie), so it is fetched and
 * handed to the browser as a file.
 */
export function CalendarActions({ tripId, title }: { tripId: string; title: string }) {
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
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
      <Button onClick={() => setOpen(true)}>Subscribe</Button>
      {error && (
        <div style={{ flexBasis: '100%' }}>
          <Alert tone="danger">{error}</Alert>
        </div>
      )}
      <SubscribeDialog open={open} tripId={tripId} onClose={() => setOpen(false)} />
    </>
  );
}
