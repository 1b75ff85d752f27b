import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { ShareLink } from './share-link.entity';

@Injectable()
export class ShareLinksRepository extends OrganizationScopedRepository<ShareLink> {
  protected readonly entity = ShareLink;
  protected readonly noun = 'Share link';

  constructor(db: TransactionRunner) {
    super(db);
  }

  listForTrip(ctx: AuthContext, tripId: string): Promise<ShareLink[]> {
    return this.findWhere(ctx, { tripId }, { createdAt: 'DESC' });
  }

  /** Revokes the link (once: a second revocation keeps the first instant). */
  async revoke(ctx: AuthContext, id: string): Promise<void> {
    await this.scopedSql(
      ctx,
      'UPDATE share_links SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 AND organization_id = $organization',
      [id],
    );
  }
}
