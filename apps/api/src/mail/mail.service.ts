import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../common/database/transaction-runner';
import { notifyOutbox } from '../events/domain-events';
import { OutboxMessage } from '../events/outbox-message.entity';

export interface MailMessage {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Queues e-mail in the outbox table. Called inside a use case's transaction, the message exists
 * exactly when the change that caused it was committed; the outbox worker delivers it.
 */
@Injectable()
export class MailService {
  constructor(private readonly db: TransactionRunner) {}

  async enqueue(message: MailMessage): Promise<void> {
    const manager = this.db.manager;
    const repository = manager.getRepository(OutboxMessage);
    await repository.insert(repository.create({ ...message, html: message.html ?? null }));
    await notifyOutbox(manager);
  }
}
