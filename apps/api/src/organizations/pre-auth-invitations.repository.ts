import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../common/database/transaction-runner';
import { PRE_AUTH } from '../common/tenancy/pre-auth';
import { Invitation } from './invitation.entity';

/**
 * Invitations as the invitee reaches them, before they have an account: by the secret token's
 * hash, which names the organization. Unscoped on purpose (docs/access.md); every statement
 * carries the pre-auth mark.
 */
@Injectable()
export class PreAuthInvitations {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(Invitation);
  }

  /** Accepting: found by token hash, row-locked. */
  findByTokenHashForUpdate(tokenHash: string): Promise<Invitation | null> {
    return this.repository.findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' }, comment: PRE_AUTH });
  }

  /** The invitation page's preview: by token hash, with its organization. */
  findByTokenHashWithOrganization(tokenHash: string): Promise<Invitation | null> {
    return this.repository.findOne({ where: { tokenHash }, relations: { organization: true }, comment: PRE_AUTH });
  }

  async markAccepted(id: string): Promise<void> {
    await this.repository
      .createQueryBuilder()
      .update()
      .set({ acceptedAt: new Date() })
      .where({ id })
      .comment(PRE_AUTH)
      .execute();
  }
}
