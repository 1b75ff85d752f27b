import { createServer } from 'node:net';

/** Listens on 127.0.0.1:port and closes again: resolves with the bound port, rejects when taken. */
function bindOnce(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

/** A port that is free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return bindOnce(0);
}

/** `preferred` when nothing listens on it, else a free port the OS picks. */
export async function choosePort(preferred: number): Promise<number> {
  try {
    return await bindOnce(preferred);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return freePort();
  }
}
