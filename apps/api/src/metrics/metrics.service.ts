import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { createServer, Server } from 'node:http';
import type { Pool } from 'pg';
import { DataSource, EntitySubscriberInterface } from 'typeorm';
import type { AfterQueryEvent } from 'typeorm/subscriber/event/QueryEvent';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ApiMetrics } from './metrics.registry';

/** Requests that matched no route share one label, so probing random paths cannot explode the series. */
const UNMATCHED_ROUTE = 'unmatched';

/**
 * Feeds the metrics: HTTP durations from a Fastify hook, query durations from a TypeORM
 * subscriber, and pool and outbox gauges read at scrape time. Under PM2 cluster mode every worker
 * can also serve its own metrics on a loopback port (`METRICS_PORT` + the worker's instance number).
 */
@Injectable()
export class MetricsService implements OnModuleInit, OnApplicationShutdown, EntitySubscriberInterface {
  readonly metrics = new ApiMetrics();
  private workerServer?: Server;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    dataSource.subscribers.push(this);
  }

  async onModuleInit(): Promise<void> {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', async (request, reply) => {
      this.metrics.httpDuration
        .labels(request.method, request.routeOptions.url ?? UNMATCHED_ROUTE, String(reply.statusCode))
        .observe(reply.elapsedTime / 1000);
    });
    const { workerPort } = this.config.metrics;
    if (workerPort !== undefined) await this.serveOnWorkerPort(workerPort);
  }

  afterQuery(event: AfterQueryEvent<unknown>): void {
    if (event.success && event.executionTime !== undefined)
      this.metrics.queryDuration.observe(event.executionTime / 1000);
    else if (!event.success) this.metrics.queryErrors.inc();
  }

  /** The Prometheus text exposition, with the gauges refreshed first. */
  async render(): Promise<{ contentType: string; body: string }> {
    this.readPool();
    await this.readOutbox();
    return { contentType: this.metrics.registry.contentType, body: await this.metrics.registry.metrics() };
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.workerServer ? this.workerServer.close(() => resolve()) : resolve()));
  }

  private readPool(): void {
    const pool = (this.dataSource.driver as unknown as { master?: Pool }).master;
    if (!pool) return;
    const { poolConnections, poolWaiting } = this.metrics;
    poolConnections.labels('total').set(pool.totalCount);
    poolConnections.labels('idle').set(pool.idleCount);
    poolConnections.labels('in_use').set(pool.totalCount - pool.idleCount);
    poolWaiting.set(pool.waitingCount);
  }

  /** One aggregate over every organization's outbox: counts only, nothing tenant-specific. */
  private async readOutbox(): Promise<void> {
    const { databaseUp, outboxPending, outboxFailed, outboxOldestAge } = this.metrics;
    try {
      const [row] = await this.dataSource.query(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
                count(*) FILTER (WHERE status = 'failed')::int AS failed,
                coalesce(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'pending')), 0)::float AS oldest
           FROM outbox_messages`,
      );
      outboxPending.set(row.pending);
      outboxFailed.set(row.failed);
      outboxOldestAge.set(row.oldest);
      databaseUp.set(1);
    } catch {
      databaseUp.set(0);
    }
  }

  private serveOnWorkerPort(port: number): Promise<void> {
    this.workerServer = createServer((request, response) => {
      if (request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.render().then(
        ({ contentType, body }) => response.writeHead(200, { 'Content-Type': contentType }).end(body),
        () => response.writeHead(500).end(),
      );
    });
    return new Promise((resolve, reject) => {
      this.workerServer!.once('error', reject).listen(port, '127.0.0.1', () => resolve());
    });
  }
}
