import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { TransactionRunner } from '../common/database/transaction-runner';
import { PasswordResetToken } from './password-reset-token.entity';

/** Reset links belong to a user and are looked up by their hash before anyone is signed in. */
@Injectable()
export class PasswordResetTokensRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(PasswordResetToken);
  }

  async insert(values: Pick<PasswordResetToken, 'userId' | 'tokenHash' | 'expiresAt'>): Promise<void> {
    await this.repository.insert(this.repository.create(values));
  }

  /** Row-locks the token so two concurrent resets with one link cannot both succeed. */
  findByHashForUpdate(tokenHash: string): Promise<PasswordResetToken | null> {
    return this.repository.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(id: string): Promise<void> {
    await this.repository.update({ id }, { usedAt: new Date() });
  }

  /** Every link of the user not yet used or revoked stops working. */
  async revokeOpenOfUser(userId: string): Promise<void> {
    await this.repository.update({ userId, usedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
