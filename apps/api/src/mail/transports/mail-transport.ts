import type { QueuedMail } from '../../events/outbox-message.entity';

/** Where queued e-mail goes: SendGrid when configured, the local outbox otherwise. */
export interface MailTransport {
  readonly name: 'sendgrid' | 'local';
  send(message: QueuedMail): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
