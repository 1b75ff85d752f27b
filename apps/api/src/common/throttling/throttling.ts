import { ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import type { AppConfig } from '../../config/app-config';
import { ResilientThrottlerStorage } from './resilient-throttler.storage';

const BRUTE_FORCE_GUARDED = 'nestmap:brute-force-guarded';

/**
 * Marks a credential-checking route: besides the general per-client limit it gets a tighter
 * per-IP limit and, when the body names an account (`email`), a per-account limit that holds
 * even when the attacker rotates IP addresses.
 */
export const BruteForceGuarded = () => SetMetadata(BRUTE_FORCE_GUARDED, true);

const isGuarded = (context: ExecutionContext) => Reflect.getMetadata(BRUTE_FORCE_GUARDED, context.getHandler()) === true;

const accountOf = (request: { body?: unknown }): string | undefined => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined;
};

/** Redis-backed counters when REDIS_URL is set (see ResilientThrottlerStorage for the outage policy). */
export function createThrottlerStorage(config: AppConfig): ResilientThrottlerStorage {
  const redis = config.redisUrl
    ? new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500, connectTimeout: 2000 })
    : undefined;
  // Without a listener ioredis reports every reconnect failure as an unhandled 'error' event.
  redis?.on('error', () => undefined);
  return new ResilientThrottlerStorage(
    redis ? new ThrottlerStorageRedisService(redis) : undefined,
    config.throttle.keyPrefix,
    () => redis?.disconnect(),
  );
}

export function throttlerOptions(config: AppConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const { throttle } = config;
  const authTtl = throttle.authTtlSeconds * 1000;
  return {
    storage,
    throttlers: [
      { name: 'default', ttl: throttle.defaultTtlSeconds * 1000, limit: throttle.defaultLimit },
      { name: 'auth-ip', ttl: authTtl, limit: throttle.authIpLimit, skipIf: (context) => !isGuarded(context) },
      {
        name: 'auth-account',
        ttl: authTtl,
        limit: throttle.authAccountLimit,
        skipIf: (context) => !isGuarded(context) || !accountOf(context.switchToHttp().getRequest()),
        getTracker: (request) => `account:${accountOf(request)}`,
      },
    ],
  };
}

/** ThrottlerGuard that always answers with a plain `Retry-After` header (RFC 9110), whichever limit tripped. */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    reply.header('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    return super.throwThrottlingException(context, detail);
  }
}
