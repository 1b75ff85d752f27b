import type { Metadata } from 'next';
import { ButtonLink, EmptyState } from '@/components/ui';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <main id="main" style={{ padding: 'var(--space-7) var(--space-4)' }}>
      <h1 className="sr-only">Page not found</h1>
      <EmptyState
        icon="compass"
        title="This page does not exist"
        action={
          <ButtonLink href="/dashboard" variant="primary">
            Go to the dashboard
          </ButtonLink>
        }
      >
        The link may be old, or the address mistyped.
      </EmptyState>
    </main>
  );
}
