'use client';

import { Button, ButtonLink, EmptyState } from '@/components/ui';

/**
 * What a page that crashed shows: a plain sentence, "Try again" (re-renders the page) and a way
 * home; the error itself stays in the browser console, never on screen.
 */
export function ErrorScreen({ reset }: { reset(): void }) {
  return (
    <EmptyState
      icon="warning"
      title="This page could not be shown"
      action={
        <>
          <Button variant="primary" onClick={reset}>
            Try again
          </Button>
          <ButtonLink href="/dashboard">Go to the dashboard</ButtonLink>
        </>
      }
    >
      Something went wrong while showing it. Trying again usually helps; if it does not, reload the page.
    </EmptyState>
  );
}
