import type { Metadata } from 'next';
import { NotFoundMessage } from '@/components/shell/not-found-message';

export const metadata: Metadata = { title: 'Page not found' };

/** An address no route matches: outside the signed-in frame. */
export default function NotFound() {
  return (
    <main id="main" style={{ padding: 'var(--space-7) var(--space-4)' }}>
      <NotFoundMessage />
    </main>
  );
}
