import type { Metadata } from 'next';
import { OutboxClient } from './outbox-client';

export const metadata: Metadata = { title: 'Mail outbox' };

export default function OutboxPage() {
  return <OutboxClient />;
}
