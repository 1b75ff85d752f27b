import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { NotFoundError } from '../common/errors/domain-error';
import { Organization } from '../common/tenancy/organization.entity';

/** The caller's own organization is the only one they can read or change. */
@Injectable()
export class OrganizationsRepository {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(Organization);
  }

  /** Registration creates an organization before anyone belongs to it. */
  create(name: string): Promise<Organization> {
    return this.repository.save(this.repository.create({ name }));
  }

  async getCurrent(ctx: AuthContext): Promise<Organization> {
    const organization = await this.repository.findOne({ where: { id: ctx.organizationId } });
    if (!organization) throw new NotFoundError('Organization');
    return organization;
  }

  async updateCurrent(ctx: AuthContext, patch: Partial<Pick<Organization, 'name'>>): Promise<Organization> {
    await this.repository.update({ id: ctx.organizationId }, patch);
    return this.getCurrent(ctx);
  }
}
