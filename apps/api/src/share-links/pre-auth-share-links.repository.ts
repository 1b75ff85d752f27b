import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../common/database/transaction-runner';
import { preAuthSql } from '../common/tenancy/pre-auth';

export interface LiveShareLink {
  organizationId: string;
  tripId: string;
  expiresAt: Date;
}

/**
 * A visitor of a share link has no session: the secret token in the URL is the credential, so the
 * link is found by the token's hash alone (unscoped on purpose, docs/access.md); the trip is then
 * read through the scoped repositories in the link's organization.
 */
@Injectable()
export class PreAuthShareLinks {
  constructor(private readonly db: TransactionRunner) {}

  async findLive(tokenHash: string): Promise<LiveShareLink | null> {
    const [row] = await this.db.manager.query<LiveShareLink[]>(
      preAuthSql(`SELECT organization_id AS "organizationId", trip_id AS "tripId", expires_at AS "expiresAt"
        FROM share_links WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()`),
      [tokenHash],
    );
    return row ?? null;
  }
}
