import { createServer, Server, Socket } from 'node:net';

/**
 * A TCP proxy between the app and PostgreSQL that a test can cut (connections reset, new ones
 * refused), freeze (bytes stop flowing, as with a stopped server) and restore, without touching
 * the database server itself, which other test files share.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private mode: 'open' | 'cut' | 'frozen' = 'open';

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<number> {
    this.server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  cut(): void {
    this.mode = 'cut';
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  freeze(): void {
    this.mode = 'frozen';
    for (const socket of this.sockets) socket.pause();
  }

  restore(): void {
    if (this.mode === 'frozen') for (const socket of this.sockets) socket.resume();
    this.mode = 'open';
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private accept(client: Socket): void {
    if (this.mode === 'cut') {
      client.destroy();
      return;
    }
    const upstream = new Socket();
    this.track(client, upstream);
    upstream.connect(this.targetPort, this.targetHost);
    client.pipe(upstream).pipe(client);
    // After pipe(), which resumes its source: a connection opened while frozen must not flow either.
    if (this.mode === 'frozen') {
      client.pause();
      upstream.pause();
    }
  }

  private track(...pair: Socket[]): void {
    for (const socket of pair) {
      this.sockets.add(socket);
      socket.on('error', () => pair.forEach((s) => s.destroy()));
      socket.on('close', () => {
        this.sockets.delete(socket);
        pair.forEach((s) => s.destroy());
      });
    }
  }
}

/** Rewrites a PostgreSQL URL to go through the proxy's port. */
export function throughProxy(databaseUrl: string, port: number): string {
  const url = new URL(databaseUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return url.toString();
}
