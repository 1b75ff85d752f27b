import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

const WARN_EVERY_MS = 60_000;

/**
 * Rate-limit counters in Redis when configured (shared by every PM2 worker and host), in memory
 * otherwise. Policy when Redis fails: fail open to this process's in-memory counters, so limits
 * still hold per process and requests never 500 or hang on a Redis outage.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger('Throttler');
  private readonly memory = new ThrottlerStorageService();
  private lastWarning = 0;

  constructor(
    private readonly shared: ThrottlerStorage | undefined,
    private readonly keyPrefix: string,
    private readonly onShutdown: () => void = () => undefined,
  ) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (this.shared) {
      try {
        return await this.shared.increment(this.keyPrefix + key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.warn(error);
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
    this.onShutdown();
  }

  private warn(error: unknown): void {
    if (Date.now() - this.lastWarning < WARN_EVERY_MS) return;
    this.lastWarning = Date.now();
    this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'Redis unavailable: rate limits counted per process');
  }
}
