'use client';

import { useEffect } from 'react';
import { ErrorScreen } from '@/components/shell/error-screen';

/** A crash inside the signed-in area keeps the header and navigation around the message. */
export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset(): void }) {
  useEffect(() => console.error(error), [error]);
  return (
    <>
      <h1 className="sr-only">Something went wrong</h1>
      <ErrorScreen reset={reset} />
    </>
  );
}
