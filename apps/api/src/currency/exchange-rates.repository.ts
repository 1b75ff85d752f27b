import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { ExchangeRate } from './exchange-rate.entity';

export type RateValues = Pick<ExchangeRate, 'currency' | 'rate' | 'rateDate' | 'source'>;

@Injectable()
export class ExchangeRatesRepository extends OrganizationScopedRepository<ExchangeRate> {
  protected readonly entity = ExchangeRate;
  protected readonly noun = 'Exchange rate';

  constructor(db: TransactionRunner) {
    super(db);
  }

  list(ctx: AuthContext, currencies?: string[]): Promise<ExchangeRate[]> {
    return this.findWhere(ctx, currencies ? { currency: In(currencies) } : {}, { currency: 'ASC' });
  }

  /** Inserts or replaces the caller's rates for these currencies, in one statement. */
  async upsert(ctx: AuthContext, rates: RateValues[]): Promise<void> {
    await this.insertMany(ctx, rates, {
      overwrite: ['rate', 'rate_date', 'source', 'updated_at'],
      conflict: ['organization_id', 'currency'],
    });
  }
}
