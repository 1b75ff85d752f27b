import type { AttemptCount } from './attempt-counters';

/**
 * OWASP's guidance against password guessing without handing attackers a lockout: count failures
 * only, lock per (account, address), and across addresses slow an account down rather than lock it.
 */
export interface LoginLimits {
  windowMs: number;
  /** Failed logins from one address on one account per window; past it that pair waits the window out. */
  perAccountAndAddress: number;
  /** Failed logins from one address across all accounts per window (password spraying). */
  perAddress: number;
  /** Failed logins on one account from all addresses after which its attempts are spaced out. */
  perAccountBeforeDelay: number;
}

const FIRST_DELAY_MS = 2_000;
/** The slowest an account gets: never locked, and a refused attempt costs the server nothing (no sleeping). */
export const MAX_DELAY_MS = 60_000;

/** Spacing between attempts on an account with `failures` failures: none up to the threshold, then 2 s doubling to 60 s. */
export function accountDelayMs(failures: number, limits: LoginLimits): number {
  const over = failures - limits.perAccountBeforeDelay;
  return over <= 0 ? 0 : Math.min(FIRST_DELAY_MS * 2 ** (over - 1), MAX_DELAY_MS);
}

/** The counters after this attempt was added to each (earlier attempts are failures or still in flight). */
export interface LoginCounts {
  address: AttemptCount;
  pair: AttemptCount;
  account: AttemptCount;
}

export type LoginVerdict =
  | { refuseForMs: number }
  | {
      /**
       * 0 while the account is below its threshold. Past it, how long until the next attempt after
       * this one: a wrong password is then answered 429 with this Retry-After, not 401.
       */
      spacingMs: number;
      /** Whether the attempt must first take the account's turn (which then lasts `spacingMs`). */
      waitsForTurn: boolean;
    };

export function judgeLogin(counts: LoginCounts, limits: LoginLimits): LoginVerdict {
  if (counts.address.attempts > limits.perAddress) return { refuseForMs: counts.address.resetsInMs };
  if (counts.pair.attempts > limits.perAccountAndAddress) return { refuseForMs: counts.pair.resetsInMs };
  // If this attempt fails too, the account will have one more failure than the attempts before it.
  const spacingMs = accountDelayMs(counts.account.attempts, limits);
  // Only addresses that already failed on this account wait for a turn: one that has not (the owner
  // on another network) goes straight to the password check, so attackers elsewhere cannot keep
  // the owner out, whatever they send.
  const addressFailedBefore = counts.pair.attempts > 1;
  return { spacingMs, waitsForTurn: spacingMs > 0 && addressFailedBefore };
}
