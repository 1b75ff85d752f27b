import { createServer, Server } from 'node:net';
import { choosePort, freePort } from './ports';

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('choosePort', () => {
  it('keeps the preferred port when it is free', async () => {
    const port = await freePort();
    await expect(choosePort(port)).resolves.toBe(port);
  });

  it('picks another free port when something already listens on the preferred one', async () => {
    const taken = await freePort();
    const blocker = await listen(taken);
    try {
      const chosen = await choosePort(taken);
      expect(chosen).not.toBe(taken);
      // Really free: it can be bound while the blocker still holds the preferred port.
      (await listen(chosen)).close();
    } finally {
      blocker.close();
    }
  });
});
