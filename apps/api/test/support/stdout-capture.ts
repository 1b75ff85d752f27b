import fs from 'node:fs';

const STDOUT_FD = 1;

type WriteCallback = (error: NodeJS.ErrnoException | null, written?: number) => void;

export interface StdoutCapture {
  /** Everything written to stdout since the capture started. */
  text(): string;
  /** The lines that parse as JSON objects (the app's structured log). */
  jsonLines(): Record<string, any>[];
  /** Resolves once `predicate` holds for the captured JSON lines (log writes are asynchronous). */
  waitFor(predicate: (lines: Record<string, any>[]) => boolean, timeoutMs?: number): Promise<void>;
  restore(): void;
}

/**
 * Captures what this process writes to stdout, whichever way it is written: `process.stdout.write`
 * and pino's destination (sonic-boom), which writes to file descriptor 1 with `fs.write` /
 * `fs.writeSync`. Start it before `startTestApp`; nothing captured reaches the terminal.
 */
export function captureStdout(): StdoutCapture {
  const chunks: string[] = [];
  const record = (data: unknown) => {
    chunks.push(
      Buffer.isBuffer(data) || data instanceof Uint8Array ? Buffer.from(data).toString('utf8') : String(data),
    );
    return Buffer.byteLength(chunks[chunks.length - 1]);
  };

  const originalWrite = fs.write;
  const originalWriteSync = fs.writeSync;
  const write = jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== STDOUT_FD) return (originalWrite as (...args: unknown[]) => void)(fd, data, ...rest);
    const callback = rest[rest.length - 1] as WriteCallback;
    const written = record(data);
    process.nextTick(callback, null, written);
  }) as never);
  const writeSync = jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== STDOUT_FD) return (originalWriteSync as (...args: unknown[]) => number)(fd, data, ...rest);
    return record(data);
  }) as never);
  const streamWrite = jest.spyOn(process.stdout, 'write').mockImplementation(((data: unknown, ...rest: unknown[]) => {
    record(data);
    const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as never);

  const jsonLines = () =>
    chunks
      .join('')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as Record<string, any>];
        } catch {
          return [];
        }
      });

  return {
    text: () => chunks.join(''),
    jsonLines,
    async waitFor(predicate, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(jsonLines())) {
        if (Date.now() > deadline) throw new Error('the expected log lines were not written in time');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    restore() {
      write.mockRestore();
      writeSync.mockRestore();
      streamWrite.mockRestore();
    },
  };
}
