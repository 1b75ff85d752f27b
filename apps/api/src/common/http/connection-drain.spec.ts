import { createServer, request, Agent, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { drainAndClose } from './connection-drain';

/** A plain HTTP server standing in for the application: drainAndClose only needs these two. */
function fakeApp(server: Server, onClose: () => void): NestFastifyApplication {
  const close = async () => {
    onClose();
    await new Promise((resolve) => server.close(resolve));
  };
  return { getHttpServer: () => server, close } as unknown as NestFastifyApplication;
}

function get(port: number, agent: Agent): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    request({ port, host: '127.0.0.1', path: '/', agent }, (response) => {
      response.resume().on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers }));
    })
      .on('error', reject)
      .end();
  });
}

describe('drainAndClose', () => {
  let server: Server;
  let port: number;
  let agent: Agent;

  beforeEach(async () => {
    server = createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    agent = new Agent({ keepAlive: true, maxSockets: 1 });
  });
  afterEach(() => {
    agent.destroy();
    server.closeAllConnections();
  });

  it('stops accepting, answers a held keep-alive connection with Connection: close, then closes the app', async () => {
    expect((await get(port, agent)).headers.connection).toBe('keep-alive');
    let closedAt = 0;
    const started = Date.now();
    const stopping = drainAndClose(
      fakeApp(server, () => (closedAt = Date.now())),
      300,
    );

    // The idle keep-alive connection is neither dropped nor refused: its next request is answered.
    const held = await get(port, agent);
    expect(held.status).toBe(200);
    expect(held.headers.connection).toBe('close');
    // New connections are no longer accepted (in a PM2 cluster, the master sends them elsewhere).
    await expect(get(port, new Agent())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closedAt).toBe(0);

    await stopping;
    expect(closedAt - started).toBeGreaterThanOrEqual(300);
  });
});
