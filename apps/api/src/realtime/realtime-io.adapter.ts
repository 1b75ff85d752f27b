import { Logger } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter as createPostgresAdapter } from '@socket.io/postgres-adapter';
import { createAdapter as createRedisAdapter } from '@socket.io/redis-adapter';
import Redis from 'ioredis';
import { Pool, type Client, type ClientConfig } from 'pg';
import { parse } from 'pg-connection-string';
import type { Server, ServerOptions } from 'socket.io';
import { CLUSTER_QUERY_TIMEOUT_MS } from './realtime-server.options';

/** Channel (PostgreSQL) and key (Redis) prefix of the messages between API processes. */
const CHANNEL = 'nestmap_socket_io';
/** How long closing waits for the adapter's pool before it ends the connections itself. */
const POOL_END_TIMEOUT_MS = 2000;

/**
 * socket.io on the API's own HTTP server (Fastify's), with the adapter that carries broadcasts,
 * disconnects and presence queries between API processes: Redis pub/sub when REDIS_URL is set,
 * else PostgreSQL LISTEN/NOTIFY on the application's database (the embedded default included).
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly logger = new Logger('RealtimeAdapter');
  private readonly closers: (() => Promise<unknown>)[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly transport: { redisUrl?: string; database: ClientConfig },
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server;
    server.adapter(this.transport.redisUrl ? this.redisAdapter(this.transport.redisUrl) : this.postgresAdapter());
    return server;
  }

  /**
   * Closes this process's connections and its adapter, not the HTTP server: socket.io's own close()
   * would close it too and wait for every keep-alive connection, before Fastify's close (which
   * drains them: `Connection: close`, idle connections closed) had begun.
   */
  override async close(server: Server): Promise<void> {
    server.local.disconnectSockets(true);
    await server.of('/').adapter.close();
    server.engine.close();
  }

  override async dispose(): Promise<void> {
    await Promise.all(this.closers.splice(0).map((close) => close().catch(() => undefined)));
  }

  private postgresAdapter() {
    // One connection LISTENs, one more NOTIFYs; outside the application's pool.
    const pool = new Pool({
      ...this.transport.database,
      max: 3,
      query_timeout: undefined,
      statement_timeout: undefined,
    });
    const clients = new Set<Client>();
    pool.on('error', (error) => this.warn(error));
    // The adapter's LISTEN client stays checked out, where the pool's handler does not cover it: a
    // database restart would otherwise be an unhandled 'error' event. The adapter reconnects on 'end'.
    pool.on('connect', (client) => {
      clients.add(client);
      client.on('error', (error) => this.warn(error));
      client.on('end', () => clients.delete(client));
    });
    this.closers.push(() => endPool(pool, clients));
    return createPostgresAdapter(pool, { channelPrefix: CHANNEL, errorHandler: (error) => this.warn(error) });
  }

  private redisAdapter(url: string) {
    const publisher = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
    // The adapter publishes without awaiting: with Redis away, each refused publish would be an
    // unhandled rejection, which ends the process.
    const publish = publisher.publish.bind(publisher);
    publisher.publish = ((channel: string, message: string) =>
      publish(channel, message).catch((error: Error) => {
        this.warn(error);
        return 0;
      })) as Redis['publish'];
    // Its only commands are the adapter's (unawaited) subscriptions: they wait for Redis, however
    // long it is away, instead of failing for good.
    const subscriber = publisher.duplicate({ maxRetriesPerRequest: null });
    for (const client of [publisher, subscriber]) {
      client.on('error', (error) => this.warn(error));
      // Not quit(): it would wait for a Redis that may be away.
      this.closers.push(async () => client.disconnect());
    }
    return createRedisAdapter(publisher, subscriber, {
      key: redisChannelKey(this.transport.database),
      requestsTimeout: CLUSTER_QUERY_TIMEOUT_MS,
    });
  }

  /** Logged, never thrown: live updates pause while the database or Redis is away, requests go on. */
  private warn(error: Error): void {
    this.logger.warn({ err: error.message }, 'realtime adapter error; live updates between processes paused');
  }
}

/**
 * The Redis key prefix of one deployment. Its processes share a database; another deployment on the
 * same Redis (or a parallel test app, each on a database of its own) must not hear them — nor be
 * counted among the processes whose answers a presence query waits for. PostgreSQL's NOTIFY
 * channels are per database already.
 */
export function redisChannelKey(database: ClientConfig): string {
  // pg's own parser: the name pg connects to, from any connection string pg accepts.
  const name = database.database ?? (database.connectionString ? parse(database.connectionString).database : null);
  return name ? `${CHANNEL}#${name}` : CHANNEL;
}

/**
 * pool.end() waits for every checked-out connection, and the adapter checks one out for LISTEN: one
 * it reconnected while the database was away, after its close, would hold shutdown for ever.
 */
async function endPool(pool: Pool, clients: Set<Client>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    pool.end().then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), POOL_END_TIMEOUT_MS))),
  ]);
  clearTimeout(timer);
  if (!ended) await Promise.all([...clients].map((client) => client.end().catch(() => undefined)));
}
