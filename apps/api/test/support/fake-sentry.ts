import { createServer, IncomingMessage, Server } from 'node:http';
import { gunzipSync } from 'node:zlib';

export interface SentryEnvelope {
  /** sentry_key, sentry_version and sentry_client: the X-Sentry-Auth header, or the query string. */
  auth: string;
  header: Record<string, unknown>;
  items: { header: { type: string }; payload: any }[];
  /** The envelope as received, to scan for data that must not leave the process. */
  raw: string;
}

/**
 * A local server speaking Sentry's envelope ingestion format: `POST /api/<project>/envelope/`,
 * newline-delimited JSON (envelope header, then an item header and a payload per item), maybe
 * gzip-compressed, answered `200 {"id": …}`.
 */
export class FakeSentry {
  readonly envelopes: SentryEnvelope[] = [];
  private server?: Server;

  /** Starts listening; returns a DSN for project 1 pointing here. */
  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://public0123456789abcdef@127.0.0.1:${(this.server.address() as { port: number }).port}/1`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Error events received so far (items of type `event`). */
  events(): { payload: any; raw: string }[] {
    return this.envelopes.flatMap((envelope) =>
      envelope.items
        .filter((item) => item.header.type === 'event')
        .map((item) => ({ payload: item.payload, raw: envelope.raw })),
    );
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
    if (request.method !== 'POST' || !/^\/api\/1\/envelope\/?(\?|$)/.test(request.url ?? '')) {
      response.writeHead(404).end();
      return;
    }
    const raw = body.toString('utf8');
    const [header, ...rest] = raw.split('\n').filter(Boolean);
    const items: SentryEnvelope['items'] = [];
    for (let index = 0; index + 1 < rest.length; index += 2) {
      items.push({ header: JSON.parse(rest[index]), payload: JSON.parse(rest[index + 1]) });
    }
    const auth =
      (request.headers['x-sentry-auth'] as string | undefined) ?? new URL(request.url!, 'http://sentry').search;
    this.envelopes.push({ auth, header: JSON.parse(header), items, raw });
    response
      .writeHead(200, { 'Content-Type': 'application/json' })
      .end(JSON.stringify({ id: JSON.parse(header).event_id ?? null }));
  }
}
