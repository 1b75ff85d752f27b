import { createServer, IncomingMessage, Server } from 'node:http';

export interface SentMail {
  authorization: string | undefined;
  body: {
    personalizations: { to: { email: string }[] }[];
    from: { email: string; name?: string };
    subject: string;
    content: { type: string; value: string }[];
    custom_args?: Record<string, string>;
    headers?: Record<string, string>;
  };
}

/**
 * A local server speaking SendGrid's v3 `POST /v3/mail/send` wire format: 202 with an
 * `X-Message-Id` on success, `{errors:[…]}` with 400/401/5xx otherwise.
 */
export class FakeSendgrid {
  readonly sent: SentMail[] = [];
  /** The next N requests fail with this status. */
  failNext = 0;
  failStatus = 500;
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(request: IncomingMessage, response: import('node:http').ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const reply = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json', ...headers });
      response.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (request.method !== 'POST' || request.url !== '/v3/mail/send')
      return reply(404, { errors: [{ message: 'not found' }] });
    if (!request.headers.authorization?.startsWith('Bearer '))
      return reply(401, { errors: [{ message: 'authorization required' }] });
    if (this.failNext > 0) {
      this.failNext -= 1;
      return reply(this.failStatus, { errors: [{ message: 'temporary failure', field: null, help: null }] });
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const valid =
      Array.isArray(body.personalizations) && body.from?.email && body.subject && Array.isArray(body.content);
    if (!valid) return reply(400, { errors: [{ message: 'invalid mail body', field: 'personalizations' }] });
    this.sent.push({ authorization: request.headers.authorization, body });
    reply(202, undefined, { 'x-message-id': `fake-${this.sent.length}` });
  }
}
