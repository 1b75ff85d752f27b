import type {
  DeepPartial,
  EntityTarget,
  FindOptionsOrder,
  FindOptionsSelect,
  FindOptionsWhere,
  ObjectLiteral,
  Repository,
  SelectQueryBuilder,
} from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import type { AuthContext } from '../auth/auth-context';
import type { TransactionRunner } from '../database/transaction-runner';
import { NotFoundError } from '../errors/domain-error';

export interface OrganizationOwned extends ObjectLiteral {
  id: string;
  organizationId: string;
}

/** The placeholder raw SQL must use for the caller's organization id (see `scopedSql`). */
const ORGANIZATION_PARAMETER = '$organization';

/**
 * The tenancy boundary. Repositories of organization-owned rows extend this class; each method
 * takes the caller first and adds `organization_id = caller's` itself, so an unscoped read or write
 * cannot be written by accident. Another organization's row is simply "not found".
 *
 * The database handle and the raw TypeORM repository are private (`#`): a subclass can reach rows
 * only through the scoped methods below. Look-ups that must run before there is a caller live in
 * separate classes named `PreAuth…`, and the tenancy e2e fails on any other unscoped statement.
 */
export abstract class OrganizationScopedRepository<T extends OrganizationOwned> {
  protected abstract readonly entity: EntityTarget<T>;
  /** Used in "<noun> not found" messages. */
  protected abstract readonly noun: string;
  readonly #db: TransactionRunner;

  constructor(db: TransactionRunner) {
    this.#db = db;
  }

  get #repository(): Repository<T> {
    return this.#db.manager.getRepository(this.entity);
  }

  readonly #selectLists = new Map<string, string>();

  /**
   * Every column of the entity as `alias.column AS "property"`, for hot reads written in raw SQL
   * (`scopedSql`): the rows come out in the entity's shape without TypeORM's query building and
   * hydration (docs/performance.md). `date` columns are read as text (YYYY-MM-DD), as TypeORM
   * gives them; a column with a transformer cannot be read this way.
   */
  protected selectList(alias: string): string {
    let list = this.#selectLists.get(alias);
    if (!list) {
      list = this.#db.manager.connection
        .getMetadata(this.entity)
        .columns.map((column) => {
          if (column.transformer) throw new Error(`${column.propertyPath} has a transformer: read it through TypeORM`);
          return `${alias}.${column.databaseName}${column.type === 'date' ? '::text' : ''} AS "${column.propertyPath}"`;
        })
        .join(', ');
      this.#selectLists.set(alias, list);
    }
    return list;
  }

  protected scope(ctx: AuthContext, where: FindOptionsWhere<T> = {}): FindOptionsWhere<T> {
    return { ...where, organizationId: ctx.organizationId } as FindOptionsWhere<T>;
  }

  /** A query builder already restricted to the caller's organization. */
  protected query(ctx: AuthContext, alias: string): SelectQueryBuilder<T> {
    return this.#repository
      .createQueryBuilder(alias)
      .where(`${alias}.organizationId = :scopeOrganizationId`, { scopeOrganizationId: ctx.organizationId });
  }

  findById(ctx: AuthContext, id: string): Promise<T | null> {
    return this.#repository.findOne({ where: this.scope(ctx, { id } as FindOptionsWhere<T>) });
  }

  async getById(ctx: AuthContext, id: string, options: { lock?: boolean } = {}): Promise<T> {
    const row = await this.#repository.findOne({
      where: this.scope(ctx, { id } as FindOptionsWhere<T>),
      ...(options.lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!row) throw new NotFoundError(this.noun);
    return row;
  }

  /** The caller's rows matching `where`. */
  protected findWhere(ctx: AuthContext, where: FindOptionsWhere<T>, order?: FindOptionsOrder<T>): Promise<T[]> {
    return this.#repository.find({ where: this.scope(ctx, where), order });
  }

  protected existsWhere(ctx: AuthContext, where: FindOptionsWhere<T>): Promise<boolean> {
    return this.#repository.exists({ where: this.scope(ctx, where) });
  }

  /** Rows of another organization-owned entity (names for a list, say), within the caller's organization. */
  protected findOwned<E extends OrganizationOwned>(
    ctx: AuthContext,
    entity: EntityTarget<E>,
    where: FindOptionsWhere<E>,
    select: FindOptionsSelect<E>,
  ): Promise<E[]> {
    return this.#db.manager.find(entity, {
      select,
      where: { ...where, organizationId: ctx.organizationId } as FindOptionsWhere<E>,
    });
  }

  /** Inserts a row owned by the caller's organization (whatever `values` says). */
  insert(ctx: AuthContext, values: DeepPartial<T>): Promise<T> {
    const row = this.#repository.create({ ...values, organizationId: ctx.organizationId } as DeepPartial<T>);
    return this.#repository.save(row);
  }

  /**
   * Inserts rows owned by the caller's organization in one statement; on a unique conflict either
   * skips the row (`ignore`) or updates `overwrite` where `conflict` (which includes organization_id) matches.
   */
  protected async insertMany(
    ctx: AuthContext,
    rows: DeepPartial<T>[],
    onConflict: 'ignore' | { overwrite: string[]; conflict: string[] },
  ): Promise<void> {
    const owned = rows.map((row) =>
      this.#repository.create({ ...row, organizationId: ctx.organizationId } as DeepPartial<T>),
    );
    const insert = this.#repository
      .createQueryBuilder()
      .insert()
      .values(owned as QueryDeepPartialEntity<T>[]);
    if (onConflict === 'ignore') insert.orIgnore();
    else insert.orUpdate(onConflict.overwrite, onConflict.conflict);
    await insert.execute();
  }

  /** Updates the caller's rows matching `where`; how many changed. */
  protected async updateWhere(
    ctx: AuthContext,
    where: FindOptionsWhere<T>,
    changes: QueryDeepPartialEntity<T>,
  ): Promise<number> {
    const result = await this.#repository.update(this.scope(ctx, where), changes);
    return result.affected ?? 0;
  }

  /**
   * Optimistic concurrency for rows with a `version`: applies `changes` and bumps the version only
   * if the row still has `expectedVersion` (when given) — one statement, so concurrent writers
   * cannot both win. False when the version (or the row) did not match.
   */
  protected async compareAndSet(
    ctx: AuthContext,
    id: string,
    expectedVersion: number | undefined,
    changes: QueryDeepPartialEntity<T>,
  ): Promise<boolean> {
    const match = (expectedVersion === undefined ? { id } : { id, version: expectedVersion }) as FindOptionsWhere<T>;
    return (
      (await this.updateWhere(ctx, match, {
        ...changes,
        version: () => 'version + 1',
      } as QueryDeepPartialEntity<T>)) === 1
    );
  }

  /** Deletes the caller's row; NotFoundError when it is not theirs or does not exist. */
  async deleteById(ctx: AuthContext, id: string): Promise<void> {
    const result = await this.#repository.delete(this.scope(ctx, { id } as FindOptionsWhere<T>));
    if (!result.affected) throw new NotFoundError(this.noun);
  }

  /**
   * Raw SQL for what the builders cannot say (a set-based UPDATE … FROM unnest). It must compare
   * organization_id with `$organization`, which becomes the caller's organization id: SQL without
   * it is refused before it runs.
   */
  protected async scopedSql<R = unknown>(ctx: AuthContext, sql: string, parameters: unknown[]): Promise<R[]> {
    const text = bindOrganization(sql, parameters);
    return this.#db.manager.query(text, [...parameters, ctx.organizationId]);
  }

  /**
   * The rows of `from` (a table and its alias, e.g. `flight_offers o`) that match `where` — which
   * must scope to `$organization` — in `orderBy`: a page of them, and how many match in all.
   */
  protected async scopedPage<R>(
    ctx: AuthContext,
    from: { table: string; alias: string },
    query: { where: string[]; parameters: unknown[]; orderBy: string },
    page: { limit: number; offset: number },
  ): Promise<[R[], number]> {
    const source = `FROM ${from.table} ${from.alias} WHERE ${query.where.join(' AND ')}`;
    const [rows, counted] = await Promise.all([
      this.scopedSql<R>(
        ctx,
        `SELECT ${this.selectList(from.alias)} ${source} ORDER BY ${query.orderBy} LIMIT ${page.limit} OFFSET ${page.offset}`,
        query.parameters,
      ),
      this.scopedSql<{ total: number }>(ctx, `SELECT COUNT(*)::int AS total ${source}`, query.parameters),
    ]);
    return [rows, counted[0].total];
  }

  /**
   * Raw SQL read through a server-side cursor, `batchSize` rows per FETCH, on a connection of its
   * own in a read-only repeatable-read transaction (one snapshot for the whole read): for exports,
   * which must never hold a whole result in memory. Stopping early (a client gone) closes the
   * cursor and returns the connection.
   */
  protected async *scopedCursor<R = unknown>(
    ctx: AuthContext,
    sql: string,
    parameters: unknown[],
    batchSize: number,
  ): AsyncGenerator<R[]> {
    const text = bindOrganization(sql, parameters);
    const runner = this.#db.manager.connection.createQueryRunner('slave');
    let open = false;
    try {
      await runner.connect();
      await runner.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      open = true;
      await runner.query(`DECLARE scoped_cursor NO SCROLL CURSOR FOR ${text}`, [...parameters, ctx.organizationId]);
      for (;;) {
        const rows: R[] = await runner.query(`FETCH ${Math.trunc(batchSize)} FROM scoped_cursor`);
        if (rows.length > 0) yield rows;
        if (rows.length < batchSize) break;
      }
      open = false;
      await runner.query('COMMIT');
    } finally {
      // A stream stopped midway (or failed) leaves the transaction open.
      if (open) await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }
}

function bindOrganization(sql: string, parameters: unknown[]): string {
  if (!sql.includes(ORGANIZATION_PARAMETER)) throw new Error('scopedSql needs organization_id = $organization');
  return sql.replaceAll(ORGANIZATION_PARAMETER, `$${parameters.length + 1}`);
}
