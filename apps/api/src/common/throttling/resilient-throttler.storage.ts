import { OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { RedisOutageWarning } from './redis-outage-warning';

/**
 * Rate-limit counters in Redis when configured (shared by every PM2 worker and host), in memory
 * otherwise. Policy when Redis fails: fail open to this process's in-memory counters, so limits
 * still hold per process and requests never 500 or hang on a Redis outage.
 */
export class ResilientThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly memory = new ThrottlerStorageService();
  private readonly outage = new RedisOutageWarning();

  constructor(
    private readonly shared: ThrottlerStorage | undefined,
    private readonly keyPrefix: string,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.shared) {
      try {
        return await this.shared.increment(this.keyPrefix + key, ttl, limit, blockDuration, throttlerName);
      } catch (error) {
        this.outage.report(error);
      }
    }
    return this.memory.increment(key, ttl, limit, blockDuration, throttlerName);
  }

  onApplicationShutdown(): void {
    this.memory.onApplicationShutdown();
  }
}
