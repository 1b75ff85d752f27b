import { Logger } from '@nestjs/common';

const WARN_EVERY_MS = 60_000;

/** Says "Redis is down, counting per process" at most once a minute, however many calls fail. */
export class RedisOutageWarning {
  private readonly logger = new Logger('Throttler');
  private lastWarning = 0;

  report(error: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn(
      { err: error instanceof Error ? error.message : String(error) },
      'Redis unavailable: rate limits counted per process',
    );
  }
}
