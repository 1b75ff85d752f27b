import type { DeepPartial, EntityTarget, FindOptionsWhere, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../auth/auth-context';
import type { TransactionRunner } from '../database/transaction-runner';
import { NotFoundError } from '../errors/domain-error';

interface OrganizationOwned extends ObjectLiteral {
  id: string;
  organizationId: string;
}

/**
 * The tenancy boundary. Repositories of organization-owned rows extend this class; each method
 * takes the caller first and adds `organization_id = caller's` itself, so an unscoped read or write
 * cannot be written by accident. Another organization's row is simply "not found".
 */
export abstract class OrganizationScopedRepository<T extends OrganizationOwned> {
  protected abstract readonly entity: EntityTarget<T>;
  /** Used in "<noun> not found" messages. */
  protected abstract readonly noun: string;

  constructor(protected readonly db: TransactionRunner) {}

  protected get repository(): Repository<T> {
    return this.db.manager.getRepository(this.entity);
  }

  protected scope(ctx: AuthContext, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, organizationId: ctx.organizationId } as FindOptionsWhere<T>;
  }

  /** A query builder already restricted to the caller's organization. */
  protected query(ctx: AuthContext, alias: string): SelectQueryBuilder<T> {
    return this.repository
      .createQueryBuilder(alias)
      .where(`${alias}.organizationId = :scopeOrganizationId`, { scopeOrganizationId: ctx.organizationId });
  }

  findById(ctx: AuthContext, id: string): Promise<T | null> {
    return this.repository.findOne({ where: this.scope(ctx, { id } as FindOptionsWhere<T>) });
  }

  async getById(ctx: AuthContext, id: string, options: { lock?: boolean } = {}): Promise<T> {
    const row = await this.repository.findOne({
      where: this.scope(ctx, { id } as FindOptionsWhere<T>),
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new NotFoundError(this.noun);
    return row;
  }

  /** Inserts a row owned by the caller's organization (whatever `values` says). */
  insert(ctx: AuthContext, values: DeepPartial<T>): Promise<T> {
    const row = this.repository.create({ ...values, organizationId: ctx.organizationId } as DeepPartial<T>);
    return this.repository.save(row);
  }

  /**
   * Optimistic concurrency for rows with a `version`: applies `changes` and bumps the version only
   * if the row still has `expectedVersion` (when given) — one statement, so concurrent writers
   * cannot both win. False when the version (or the row) did not match.
   */
  protected async compareAndSet(ctx: AuthContext, id: string, expectedVersion: number | undefined, changes: QueryDeepPartialEntity<T>): Promise<boolean> {
    const match = (expectedVersion === undefined ? { id } : { id, version: expectedVersion }) as FindOptionsWhere<T>;
    const result = await this.repository.update(this.scope(ctx, match), { ...changes, version: () => 'version + 1' } as QueryDeepPartialEntity<T>);
    return result.affected === 1;
  }

  /** Deletes the caller's row; NotFoundError when it is not theirs or does not exist. */
  async deleteById(ctx: AuthContext, id: string): Promise<void> {
    const result = await this.repository.delete(this.scope(ctx, { id } as FindOptionsWhere<T>));
    if (!result.affected) throw new NotFoundError(this.noun);
  }
}
