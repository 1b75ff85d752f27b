import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DEFAULT_REASON_CODES, TravelPolicyRules } from './travel-policy.schema';
import { TravelPolicy } from './travel-policy.entity';

/** What an admin sets: the parsed rules without the version, which the repository raises itself. */
export type PolicyValues = Omit<TravelPolicyRules, 'version'>;

@Injectable()
export class TravelPoliciesRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(TravelPolicy);
  }

  /** Every organization starts with the default policy (economy/premium economy, approval on). */
  async createDefault(organizationId: string): Promise<void> {
    await this.repository.insert({ organizationId, reasonCodes: DEFAULT_REASON_CODES });
  }

  async get(ctx: AuthContext): Promise<TravelPolicy> {
    return this.repository.findOneOrFail({ where: { organizationId: ctx.organizationId } });
  }

  /**
   * Replaces the rules and raises the version in the same statement, so no two changes share one.
   * With `expectedVersion` it is a compare-and-set: false when the policy is no longer at that version.
   */
  async replace(ctx: AuthContext, values: PolicyValues, expectedVersion?: number): Promise<boolean> {
    const update = this.repository
      .createQueryBuilder()
      .update(TravelPolicy)
      .set({ ...values, version: () => 'version + 1' })
      .where('organization_id = :organizationId', { organizationId: ctx.organizationId });
    if (expectedVersion !== undefined) update.andWhere('version = :expectedVersion', { expectedVersion });
    return (await update.execute()).affected === 1;
  }
}
