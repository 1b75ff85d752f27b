import { ExecutionContext, Injectable, OnApplicationShutdown, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import type { AuthContext } from '../auth/auth-context';
import { CallerIdentifier } from '../auth/caller-identifier';
import type { AppConfig } from '../../config/app-config';

const BRUTE_FORCE_GUARDED = 'nestmap:brute-force-guarded';

/**
 * Marks a credential-checking route other than login (registration, invitation acceptance,
 * password change): besides the general limits it gets a tighter per-IP limit on every attempt.
 * Login has its own failure-counting policy (LoginThrottle).
 */
export const BruteForceGuarded = () => SetMetadata(BRUTE_FORCE_GUARDED, true);

const isGuarded = (context: ExecutionContext) =>
  Reflect.getMetadata(BRUTE_FORCE_GUARDED, context.getHandler()) === true;

const SECRET_LINK = 'nestmap:secret-link';

/**
 * Marks a public route whose path carries a secret token (a shared trip): a per-IP limit far below
 * the general one, so guessing tokens is bounded while a person reloading the page is not.
 */
export const SecretLinkThrottled = () => SetMetadata(SECRET_LINK, true);

const isSecretLink = (context: ExecutionContext) => Reflect.getMetadata(SECRET_LINK, context.getHandler()) === true;

/** The Redis connection every rate-limit counter shares when REDIS_URL is set; closed with the app. */
export class ThrottleRedis implements OnApplicationShutdown {
  readonly client?: Redis;

  constructor(url: string | undefined) {
    this.client = url
      ? new Redis(url, {
          enableOfflineQueue: false,
          maxRetriesPerRequest: 1,
          commandTimeout: 500,
          connectTimeout: 2000,
        })
      : undefined;
    // Without a listener ioredis reports every reconnect failure as an unhandled 'error' event.
    this.client?.on('error', () => undefined);
  }

  onApplicationShutdown(): void {
    this.client?.disconnect();
  }
}

export function throttlerOptions(config: AppConfig, storage: ThrottlerStorage): ThrottlerModuleOptions {
  const { throttle } = config;
  const ttl = throttle.defaultTtlSeconds * 1000;
  return {
    storage,
    throttlers: [
      // Per client and route handler.
      { name: 'default', ttl, limit: throttle.defaultLimit },
      // Per client across all routes: spreading requests over many routes does not multiply the budget.
      {
        name: 'client',
        ttl,
        limit: throttle.clientLimit,
        generateKey: (_context, tracker, name) => `${name}:${tracker}`,
      },
      {
        name: 'auth-ip',
        ttl: throttle.authTtlSeconds * 1000,
        limit: throttle.authIpLimit,
        skipIf: (context) => !isGuarded(context),
      },
      {
        name: 'secret-link',
        ttl: throttle.sharedLinkTtlSeconds * 1000,
        limit: throttle.sharedLinkLimit,
        skipIf: (context) => !isSecretLink(context),
      },
    ],
  };
}

/**
 * ThrottlerGuard that always answers with a plain `Retry-After` header (RFC 9110), whichever limit
 * tripped, and names the caller in the 429's security log line.
 */
@Injectable()
export class AppThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly callers: CallerIdentifier,
  ) {
    super(options, storage, reflector);
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const http = context.switchToHttp();
    http.getResponse<FastifyReply>().header('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    // Rate limits run before authentication (a flood must not reach the database), so the caller is
    // named from the access token's signature alone. Nothing runs after this refusal, and the
    // exception filter logs request.user with the 429.
    const request = http.getRequest<FastifyRequest & { user?: AuthContext }>();
    request.user ??= await this.callers.identify(request);
    return super.throwThrottlingException(context, detail);
  }
}
