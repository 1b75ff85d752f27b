import { createHash } from 'node:crypto';
import type { OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisOutageWarning } from './redis-outage-warning';

/** One counter: attempts in its current window, and when that window ends. */
export interface AttemptCount {
  attempts: number;
  resetsInMs: number;
}

interface CounterBackend {
  /** Adds one attempt to each counter (starting a window of `windowMs` where none runs) and returns them. */
  add(keys: readonly string[], windowMs: number): Promise<AttemptCount[]>;
  /** Takes one attempt back from each counter still running (an attempt that turned out not to count). */
  remove(keys: readonly string[]): Promise<void>;
  clear(keys: readonly string[]): Promise<void>;
  /** Takes a turn that lasts `ttlMs`, unless one is running: then returns how long it still runs (else 0). */
  acquire(key: string, ttlMs: number): Promise<number>;
}

const ADD_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local attempts = redis.call('HINCRBY', key, 'n', 1)
  if redis.call('PTTL', key) < 0 then redis.call('PEXPIRE', key, ARGV[1]) end
  out[i] = {attempts, redis.call('PTTL', key)}
end
return out`;
const REMOVE_SCRIPT = `
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then redis.call('HINCRBY', key, 'n', -1) end
end`;
const ACQUIRE_SCRIPT = `
if redis.call('SET', KEYS[1], '1', 'PX', ARGV[1], 'NX') then return 0 end
return math.max(redis.call('PTTL', KEYS[1]), 1)`;

class RedisCounters implements CounterBackend {
  constructor(private readonly redis: Redis) {}

  async add(keys: readonly string[], windowMs: number): Promise<AttemptCount[]> {
    const rows = (await this.redis.eval(ADD_SCRIPT, keys.length, ...keys, windowMs)) as [number, number][];
    return rows.map(([attempts, resetsInMs]) => ({ attempts, resetsInMs }));
  }

  async remove(keys: readonly string[]): Promise<void> {
    await this.redis.eval(REMOVE_SCRIPT, keys.length, ...keys);
  }

  async clear(keys: readonly string[]): Promise<void> {
    await this.redis.del(...keys);
  }

  async acquire(key: string, ttlMs: number): Promise<number> {
    return (await this.redis.eval(ACQUIRE_SCRIPT, 1, key, ttlMs)) as number;
  }
}

interface MemoryEntry {
  attempts: number;
  expiresAt: number;
}

const SWEEP_EVERY_MS = 60_000;

class MemoryCounters implements CounterBackend {
  private readonly entries = new Map<string, MemoryEntry>();
  private readonly sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS).unref();

  async add(keys: readonly string[], windowMs: number): Promise<AttemptCount[]> {
    const now = Date.now();
    return keys.map((key) => {
      let entry = this.live(key, now);
      if (!entry) {
        entry = { attempts: 0, expiresAt: now + windowMs };
        this.entries.set(key, entry);
      }
      entry.attempts += 1;
      return { attempts: entry.attempts, resetsInMs: entry.expiresAt - now };
    });
  }

  async remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      const entry = this.live(key, Date.now());
      if (entry) entry.attempts -= 1;
    }
  }

  async clear(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
  }

  async acquire(key: string, ttlMs: number): Promise<number> {
    const now = Date.now();
    const running = this.live(key, now);
    if (running) return running.expiresAt - now;
    this.entries.set(key, { attempts: 1, expiresAt: now + ttlMs });
    return 0;
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private live(key: string, now: number): MemoryEntry | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

/**
 * Attempt counters for credential checks, in Redis when configured (shared by every worker and
 * host), else in memory; on a Redis error they fall back to this process's memory, like the
 * throttler storage (ResilientThrottlerStorage). Keys are hashed: no e-mail address in clear in Redis.
 */
export class AttemptCounters implements OnApplicationShutdown {
  private readonly memory = new MemoryCounters();
  private readonly shared?: RedisCounters;
  private readonly outage = new RedisOutageWarning();

  constructor(
    redis: Redis | undefined,
    private readonly keyPrefix: string,
  ) {
    this.shared = redis ? new RedisCounters(redis) : undefined;
  }

  add(keys: readonly string[], windowMs: number): Promise<AttemptCount[]> {
    return this.run((backend) => backend.add(this.hashed(keys), windowMs));
  }

  remove(keys: readonly string[]): Promise<void> {
    return this.run((backend) => backend.remove(this.hashed(keys)));
  }

  clear(keys: readonly string[]): Promise<void> {
    return this.run((backend) => backend.clear(this.hashed(keys)));
  }

  acquire(key: string, ttlMs: number): Promise<number> {
    return this.run((backend) => backend.acquire(this.hashed([key])[0], ttlMs));
  }

  onApplicationShutdown(): void {
    this.memory.close();
  }

  private async run<T>(operation: (backend: CounterBackend) => Promise<T>): Promise<T> {
    if (this.shared) {
      try {
        return await operation(this.shared);
      } catch (error) {
        this.outage.report(error);
      }
    }
    return operation(this.memory);
  }

  private hashed(keys: readonly string[]): string[] {
    return keys.map((key) => `${this.keyPrefix}attempts:${createHash('sha256').update(key).digest('base64url')}`);
  }
}
