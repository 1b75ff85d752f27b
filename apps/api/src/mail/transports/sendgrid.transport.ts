import { Client } from '@sendgrid/client';
import { MailService } from '@sendgrid/mail';
import type { QueuedMail } from '../../events/outbox-message.entity';
import type { MailTransport } from './mail-transport';

/**
 * Delivers through SendGrid's v3 mail/send API with the official SDK. The outbox id travels as
 * a custom argument and a header so a redelivery (at-least-once) can be recognised downstream.
 */
export class SendgridTransport implements MailTransport {
  readonly name = 'sendgrid' as const;
  private readonly mail = new MailService();

  constructor(
    apiKey: string,
    private readonly from: string,
    baseUrl?: string,
  ) {
    const client = new Client();
    client.setApiKey(apiKey);
    if (baseUrl) client.setDefaultRequest('baseUrl', baseUrl);
    this.mail.setClient(client);
  }

  async send(message: QueuedMail): Promise<void> {
    await this.mail.send({
      to: message.to,
      from: this.from,
      subject: message.subject,
      text: message.text,
      ...(message.html ? { html: message.html } : {}),
      customArgs: { outbox_id: message.id },
      headers: { 'X-NestMap-Message-Id': message.id },
    });
  }
}
