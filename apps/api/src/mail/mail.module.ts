import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailService } from './mail.service';
import { OutboxRepository } from './outbox.repository';
import { OutboxWorker } from './outbox.worker';
import { LocalOutboxTransport } from './transports/local.transport';
import { MAIL_TRANSPORT } from './transports/mail-transport';
import { SendgridTransport } from './transports/sendgrid.transport';

@Global()
@Module({
  providers: [
    MailService,
    OutboxWorker,
    OutboxRepository,
    {
      provide: MAIL_TRANSPORT,
      inject: [APP_CONFIG],
      useFactory: ({ mail }: AppConfig) =>
        mail.sendgridApiKey ? new SendgridTransport(mail.sendgridApiKey, mail.from, mail.sendgridBaseUrl) : new LocalOutboxTransport(),
    },
  ],
  exports: [MailService, OutboxWorker, OutboxRepository],
})
export class MailModule {}
