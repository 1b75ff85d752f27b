import { Injectable } from '@nestjs/common';
import { IsNull, Not } from 'typeorm';
import { TransactionRunner } from '../common/database/transaction-runner';
import { RefreshToken } from './refresh-token.entity';

/**
 * Refresh tokens belong to a user, not to an organization's data: they are looked up by their
 * hash before any caller is known, and always revoked by user or family.
 */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(RefreshToken);
  }

  insert(values: Omit<RefreshToken, 'id' | 'createdAt' | 'usedAt' | 'revokedAt' | 'user'>): Promise<RefreshToken> {
    return this.repository.save(this.repository.create(values));
  }

  /** Row-locks the token so two concurrent refreshes with it are serialised. */
  findByHashForUpdate(tokenHash: string): Promise<RefreshToken | null> {
    return this.repository.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.repository.findOne({ where: { tokenHash } });
  }

  /** True once any token of the family was revoked (see RefreshToken: revocation is per family). */
  familyRevoked(familyId: string): Promise<boolean> {
    return this.repository.exists({ where: { familyId, revokedAt: Not(IsNull()) } });
  }

  async markUsed(id: string): Promise<void> {
    await this.repository.update({ id }, { usedAt: new Date() });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.repository.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.repository.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }
}
