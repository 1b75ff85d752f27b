import { Injectable } from '@nestjs/common';
import { type FindOptionsWhere, IsNull, Not } from 'typeorm';
import { TransactionRunner } from '../common/database/transaction-runner';
import { PRE_AUTH } from '../common/tenancy/pre-auth';
import { RefreshToken } from './refresh-token.entity';

/**
 * Refresh tokens belong to a user, not to an organization's data: they are looked up by their
 * hash before any caller is known, and always revoked by user or family. A pre-auth store: each
 * statement carries the pre-auth mark (docs/access.md).
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
    return this.repository.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' }, comment: PRE_AUTH });
  }

  findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.repository.findOne({ where: { tokenHash }, comment: PRE_AUTH });
  }

  /** True once any token of the family was revoked (see RefreshToken: revocation is per family). */
  familyRevoked(familyId: string): Promise<boolean> {
    return this.repository.exists({ where: { familyId, revokedAt: Not(IsNull()) }, comment: PRE_AUTH });
  }

  async markUsed(id: string): Promise<void> {
    await this.update({ id }, { usedAt: new Date() });
  }

  async revokeFamily(familyId: string): Promise<void> {
    await this.update({ familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  async revokeAllOfUser(userId: string): Promise<void> {
    await this.update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async update(
    where: FindOptionsWhere<RefreshToken>,
    changes: Partial<Pick<RefreshToken, 'usedAt' | 'revokedAt'>>,
  ): Promise<void> {
    await this.repository.createQueryBuilder().update().set(changes).where(where).comment(PRE_AUTH).execute();
  }
}
