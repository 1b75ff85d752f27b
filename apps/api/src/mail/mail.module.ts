import { Global, Inject, Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { EventHandlers } from '../events/event-handlers';
import { MailService } from './mail.service';
import { OutboxRepository } from './outbox.repository';
import { LocalOutboxTransport } from './transports/local.transport';
import { MAIL_TRANSPORT, MailTransport } from './transports/mail-transport';
import { SendgridTransport } from './transports/sendgrid.transport';

@Global()
@Module({
  providers: [
    MailService,
    OutboxRepository,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: ({ mail }: AppConfig) =>
        mail.sendgridApiKey
          ? new SendgridTransport(mail.sendgridApiKey, mail.from, mail.sendgridBaseUrl)
          : new LocalOutboxTransport(),
    },
  ],
  exports: [MailService, OutboxRepository],
})
export class MailModule implements OnModuleInit {
  constructor(
    private readonly handlers: EventHandlers,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
  ) {}

  /** The outbox worker sends queued e-mail through this module's transport. */
  onModuleInit(): void {
    this.handlers.useMailSender(this.transport);
    new Logger('MailModule').log(
      `e-mail delivery: ${this.transport.name === 'sendgrid' ? 'SendGrid' : 'local outbox (no SENDGRID_API_KEY)'}`,
    );
  }
}
