'use client';

import { describeError } from '@/lib/api/api-error';
import { Button } from './button';
import { Alert } from './feedback';

/** What could not be loaded, why, and a way to ask again: every failed load offers "Try again". */
export function LoadError({ error, onRetry, title }: { error: unknown; onRetry(): unknown; title?: string }) {
  return (
    <Alert
      tone="danger"
      title={title}
      actions={
        <Button size="sm" onClick={() => void onRetry()}>
          Try again
        </Button>
      }
    >
      {describeError(error)}
    </Alert>
  );
}
