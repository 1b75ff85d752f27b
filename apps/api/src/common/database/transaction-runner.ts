import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/**
 * One place for transactions. Inside `run`, every repository that reads `manager` joins the same
 * transaction, so a use case writing several tables (a change, its audit row, its outbox mail)
 * commits or rolls back as one, without threading an EntityManager through every call.
 */
@Injectable()
export class TransactionRunner {
  private readonly current = new AsyncLocalStorage<EntityManager>();

  constructor(private readonly dataSource: DataSource) {}

  /** The transaction's manager inside `run`, the pooled one outside. */
  get manager(): EntityManager {
    return this.current.getStore() ?? this.dataSource.manager;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const active = this.current.getStore();
    if (active) return work(active);
    return this.dataSource.transaction((manager) => this.current.run(manager, () => work(manager)));
  }
}
