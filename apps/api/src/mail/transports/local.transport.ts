import type { MailTransport } from './mail-transport';

/**
 * No e-mail provider configured: messages stay readable in the local outbox
 * (GET /api/organizations/current/outbox) and are marked delivered there.
 */
export class LocalOutboxTransport implements MailTransport {
  readonly name = 'local' as const;

  async send(): Promise<void> {}
}
