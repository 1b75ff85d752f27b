import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { TravelPolicy } from './travel-policy.entity';

type PolicyValues = Omit<TravelPolicy, 'organizationId' | 'organization' | 'updatedAt'>;

@Injectable()
export class TravelPoliciesRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(TravelPolicy);
  }

  /** Every organization starts with the default policy (economy/premium economy, approval on). */
  async createDefault(organizationId: string): Promise<void> {
    await this.repository.insert({ organizationId });
  }

  async get(ctx: AuthContext): Promise<TravelPolicy> {
    return this.repository.findOneOrFail({ where: { organizationId: ctx.organizationId } });
  }

  async replace(ctx: AuthContext, values: PolicyValues): Promise<TravelPolicy> {
    await this.repository.upsert({ ...values, organizationId: ctx.organizationId }, ['organizationId']);
    return this.get(ctx);
  }
}
