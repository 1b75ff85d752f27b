'use client';

import { useEffect } from 'react';
import { ErrorScreen } from '@/components/shell/error-screen';

export default function RootError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <main id="main" style={{ padding: 'var(--space-7) var(--space-4)' }}>
      <h1 className="sr-only">Something went wrong</h1>
      <ErrorScreen reset={reset} />
    </main>
  );
}
