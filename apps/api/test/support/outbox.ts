import { OutboxWorker } from '../../src/events/outbox.worker';
import type { TestApp } from './test-app';

/**
 * Runs the outbox worker until nothing is due: the audit rows and e-mails that follow domain events
 * are written by their handlers after the change commits (tests start the app with OUTBOX_LISTEN off,
 * so nothing is delivered unless a test asks).
 */
export async function drainOutbox(app: TestApp): Promise<void> {
  const worker = app.app.get(OutboxWorker);
  while ((await worker.deliverDue()) > 0);
}
