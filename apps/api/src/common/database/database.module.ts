import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../../config/app-config';
import { dataSourceOptions, primaryClientConfig } from '../../database/data-source-options';
import { TransactionRunner } from './transaction-runner';

/** pg client settings for a connection of its own to the primary, outside the pool. */
export const PRIMARY_CLIENT_CONFIG = Symbol('PRIMARY_CLIENT_CONFIG');

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(config, url), retryAttempts: 0 })],
      providers: [TransactionRunner, { provide: PRIMARY_CLIENT_CONFIG, useValue: primaryClientConfig(config, url) }],
      exports: [TransactionRunner, PRIMARY_CLIENT_CONFIG],
    };
  }
}
