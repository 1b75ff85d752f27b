import { registerOrganization } from './support/factories';
import { startTestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { TcpProxy, throughProxy } from './support/tcp-proxy';

/**
 * docs/security.md R2: a request in flight when shutdown starts still completes with 200, and the
 * process stops accepting new work. The request is held in flight by freezing its database
 * connection (through a proxy) for a moment.
 */
describe('Graceful shutdown', () => {
  it('finishes an in-flight request, then refuses new connections', async () => {
    const database = await createTestDatabase();
    const target = new URL(database.url);
    const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
    const port = await proxy.start();
    const t = await startTestApp({}, { url: throughProxy(database.url, port), directUrl: database.url });
    try {
      const session = await registerOrganization(t.api);
      proxy.freeze();
      const inFlight = t.api.get('/api/organizations/current', { token: session.accessToken });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const closing = t.close();
      await new Promise((resolve) => setTimeout(resolve, 300));
      proxy.restore();
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(session.user.organizationId);
      await closing;
      await expect(fetch(`${t.baseUrl}/api/health`)).rejects.toThrow();
    } finally {
      proxy.restore();
      await proxy.stop();
    }
  });
});
