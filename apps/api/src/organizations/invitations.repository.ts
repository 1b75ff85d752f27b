import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { Invitation } from './invitation.entity';

@Injectable()
export class InvitationsRepository extends OrganizationScopedRepository<Invitation> {
  protected readonly entity = Invitation;
  protected readonly noun = 'Invitation';

  constructor(db: TransactionRunner) {
    super(db);
  }

  list(ctx: AuthContext, offset: number, limit: number): Promise<[Invitation[], number]> {
    return this.query(ctx, 'invitation')
      .orderBy('invitation.createdAt', 'DESC')
      .addOrderBy('invitation.id')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  /** Revokes any still-open invitation for the address, so only the newest link works. */
  async revokeOpenFor(ctx: AuthContext, email: string): Promise<void> {
    await this.updateWhere(
      ctx,
      { email, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      { revokedAt: new Date() },
    );
  }

  /** Revokes an open invitation; `revoked` says whether this call did (false when already used or revoked). */
  async revoke(ctx: AuthContext, id: string): Promise<{ invitation: Invitation; revoked: boolean }> {
    const invitation = await this.getById(ctx, id, { lock: true });
    if (invitation.acceptedAt || invitation.revokedAt) return { invitation, revoked: false };
    invitation.revokedAt = new Date();
    await this.updateWhere(ctx, { id }, { revokedAt: invitation.revokedAt });
    return { invitation, revoked: true };
  }
}
