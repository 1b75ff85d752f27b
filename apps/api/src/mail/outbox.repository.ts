import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { MAIL_TOPIC, OutboxMessage } from '../events/outbox-message.entity';

/** Admins read their organization's e-mail outbox; messages without an organization are never listed. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: TransactionRunner) {}

  list(ctx: AuthContext, offset: number, limit: number): Promise<[OutboxMessage[], number]> {
    return this.db.manager
      .getRepository(OutboxMessage)
      .createQueryBuilder('message')
      .where('message.organizationId = :organizationId', { organizationId: ctx.organizationId })
      .andWhere('message.topic = :topic', { topic: MAIL_TOPIC })
      .orderBy('message.createdAt', 'DESC')
      .addOrderBy('message.id')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }
}
