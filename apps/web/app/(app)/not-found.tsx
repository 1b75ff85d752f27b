import type { Metadata } from 'next';
import { NotFoundMessage } from '@/components/shell/not-found-message';

export const metadata: Metadata = { title: 'Page not found' };

/** A page of the signed-in area that does not exist (a malformed trip id): inside the frame's <main>. */
export default function AppNotFound() {
  return <NotFoundMessage />;
}
