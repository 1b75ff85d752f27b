import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { normalizeIp, ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { DomainError } from '../errors/domain-error';
import { AuthErrorCode } from '../errors/error-codes';
import { AttemptCounters } from './attempt-counters';
import { judgeLogin, LoginLimits } from './login-policy';

const accountOf = (request: FastifyRequest): string | undefined => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : undefined;
};

const isBadCredentials = (error: unknown) =>
  error instanceof DomainError && error.code === AuthErrorCode.InvalidCredentials;

/**
 * Applies the login policy (login-policy.ts) around the login handler. Every attempt is counted
 * before the password is checked, so a burst sent at once cannot slip past a limit, and a refused
 * attempt costs no argon2. Then only failures stay counted: a success takes its attempt back from
 * the address and resets the account's counters; an attempt that was neither (invalid input, a
 * database outage) is taken back everywhere.
 */
@Injectable()
export class LoginThrottle implements NestInterceptor {
  private readonly limits: LoginLimits;

  constructor(
    private readonly counters: AttemptCounters,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    const { throttle } = config;
    this.limits = {
      windowMs: throttle.authTtlSeconds * 1000,
      perAccountAndAddress: throttle.authAccountLimit,
      perAccountBeforeDelay: throttle.authAccountLimit,
      perAddress: throttle.authIpLimit,
    };
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const account = accountOf(request);
    // Without an e-mail the body fails validation before any password is checked.
    if (!account) return next.handle();
    return from(this.attempt(context, next, account, normalizeIp(request.ip)));
  }

  private async attempt(
    context: ExecutionContext,
    next: CallHandler,
    account: string,
    address: string,
  ): Promise<unknown> {
    const keys = {
      address: `login-address:${address}`,
      pair: `login-pair:${account}|${address}`,
      account: `login-account:${account}`,
    };
    const turnKey = `login-turn:${account}`;
    const all = [keys.address, keys.pair, keys.account];
    const [addressCount, pairCount, accountCount] = await this.counters.add(all, this.limits.windowMs);
    const verdict = judgeLogin({ address: addressCount, pair: pairCount, account: accountCount }, this.limits);
    if ('refuseForMs' in verdict) return this.refuse(context, all, verdict.refuseForMs);
    const turnWaitMs = verdict.waitsForTurn ? await this.counters.acquire(turnKey, verdict.spacingMs) : 0;
    if (turnWaitMs > 0) return this.refuse(context, all, turnWaitMs);

    try {
      const response = await lastValueFrom(next.handle());
      await this.counters.remove([keys.address]);
      await this.counters.clear([keys.pair, keys.account, turnKey]);
      return response;
    } catch (error) {
      if (!isBadCredentials(error)) {
        await this.counters.remove(all);
        throw error;
      }
      // Past the account's threshold every failure says when to try again, from any address.
      if (verdict.spacingMs > 0) throw this.tooManyAttempts(context, verdict.spacingMs);
      throw error;
    }
  }

  /** A refused attempt is not a failure: it is taken back, so hammering a closed door changes nothing. */
  private async refuse(context: ExecutionContext, keys: string[], waitMs: number): Promise<never> {
    await this.counters.remove(keys);
    throw this.tooManyAttempts(context, waitMs);
  }

  private tooManyAttempts(context: ExecutionContext, waitMs: number): ThrottlerException {
    context
      .switchToHttp()
      .getResponse<FastifyReply>()
      .header('Retry-After', String(Math.max(1, Math.ceil(waitMs / 1000))));
    return new ThrottlerException();
  }
}
