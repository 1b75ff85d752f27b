import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The metrics of one API instance, in a registry of its own (not prom-client's global one), so
 * several instances in one process — as the e2e tests run them — never share or clash.
 */
export class ApiMetrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'nestmap_http_request_duration_seconds',
    help: 'HTTP request duration by route template, method and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly queryDuration = new Histogram({
    name: 'nestmap_db_query_duration_seconds',
    help: 'Duration of database queries that succeeded',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly queryErrors = new Counter({
    name: 'nestmap_db_query_errors_total',
    help: 'Database queries that failed (constraint, timeout, lost connection)',
    registers: [this.registry],
  });

  readonly poolConnections = new Gauge({
    name: 'nestmap_db_pool_connections',
    help: 'Connections of the database pool, by state',
    labelNames: ['state'] as const,
    registers: [this.registry],
  });

  readonly poolWaiting = new Gauge({
    name: 'nestmap_db_pool_waiting_requests',
    help: 'Queries waiting for a free pool connection',
    registers: [this.registry],
  });

  readonly databaseUp = new Gauge({
    name: 'nestmap_database_up',
    help: '1 when the last scrape could query PostgreSQL, else 0',
    registers: [this.registry],
  });

  readonly outboxPending = new Gauge({
    name: 'nestmap_outbox_pending_messages',
    help: 'Outbox messages waiting for delivery',
    registers: [this.registry],
  });

  readonly outboxFailed = new Gauge({
    name: 'nestmap_outbox_failed_messages',
    help: 'Outbox messages that gave up after the maximum number of attempts',
    registers: [this.registry],
  });

  readonly outboxOldestAge = new Gauge({
    name: 'nestmap_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest pending outbox message (0 when none is pending)',
    registers: [this.registry],
  });

  constructor() {
    // Event-loop lag, heap, resident memory, CPU, open handles: prom-client's standard names.
    collectDefaultMetrics({ register: this.registry });
  }
}
