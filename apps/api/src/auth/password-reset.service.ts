import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { hashToken, newOpaqueToken } from '../common/auth/opaque-token';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError } from '../common/errors/domain-error';
import { AuthErrorCode } from '../common/errors/error-codes';
import { loggableDatabaseError } from '../common/database/database-error';
import { AttemptCounters } from '../common/throttling/attempt-counters';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MailService } from '../mail/mail.service';
import { PasswordResetTokensRepository } from '../users/password-reset-tokens.repository';
import { UserSessions } from '../users/user-sessions.service';
import { PreAuthUsers } from '../users/pre-auth-users.repository';
import type { RequestMeta } from './auth.service';
import type { PasswordResetConfirmDto } from './dto/password-reset.dto';
import { PasswordHasher } from './password-hasher';
import { passwordChangedMail, resetLinkMail, resetLinkOf } from './password-reset.mails';

export const RESET_TTL_MINUTES = 30;
/** Reset e-mails per address and window: enough for a lost mail or two, too few to flood an inbox. */
const RESET_MAILS_PER_ADDRESS = 3;
const RESET_ADDRESS_WINDOW_MS = 60 * 60_000;

const INVALID_LINK = 'This password reset link is invalid, already used or expired';

/**
 * "Forgot password". The request is answered before any of its work is done, so neither the
 * answer nor its timing says whether the address has an account (or whether it is deactivated);
 * the work then writes the token and its e-mail to the outbox in one transaction.
 */
@Injectable()
export class PasswordResetService implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Security');
  /** Requests still being worked on: a stopping process finishes them before the database closes. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly db: TransactionRunner,
    private readonly users: PreAuthUsers,
    private readonly resetTokens: PasswordResetTokensRepository,
    private readonly sessions: UserSessions,
    private readonly hasher: PasswordHasher,
    private readonly counters: AttemptCounters,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the request's work and returns at once, whatever the address. */
  request(email: string, meta: RequestMeta): void {
    const work = this.sendLink(email, meta).catch((error: unknown) => {
      // The error's message may quote SQL or the address: only what is safe to log of it is.
      this.logger.error({
        event: 'password_reset_request_failed',
        err: loggableDatabaseError(error) ?? { type: (error as Error)?.name },
        ...meta,
      });
    });
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.inFlight);
  }

  /** Sets the new password with the link's token, ends every session and says so by e-mail. */
  async confirm(dto: PasswordResetConfirmDto, meta: RequestMeta): Promise<void> {
    const passwordHash = await this.hasher.hash(dto.password);
    const user = await this.db.run(async () => {
      const token = await this.resetTokens.findByHashForUpdate(this.hash(dto.token));
      if (!token || token.usedAt || token.revokedAt || token.expiresAt <= new Date())
        throw new DomainError(AuthErrorCode.ResetLinkInvalid, INVALID_LINK);
      const owner = await this.users.findForSession(token.userId);
      if (!owner?.active) throw new DomainError(AuthErrorCode.ResetLinkInvalid, INVALID_LINK);
      await this.users.setPassword(owner.id, passwordHash);
      await this.resetTokens.markUsed(token.id);
      await this.resetTokens.revokeOpenOfUser(owner.id);
      await this.sessions.revokeAll(owner.id);
      await this.mail.enqueue(passwordChangedMail(owner, this.config.webUrl, new Date()));
      return owner;
    });
    this.logger.log({ event: 'password_reset', userId: user.id, organizationId: user.organizationId, ...meta });
  }

  private async sendLink(email: string, meta: RequestMeta): Promise<void> {
    // Counted for every address, known or not, so the limit itself reveals nothing.
    const [sent] = await this.counters.add([`password-reset:${email}`], RESET_ADDRESS_WINDOW_MS);
    if (sent.attempts > RESET_MAILS_PER_ADDRESS) {
      this.logger.warn({ event: 'password_reset_throttled', ...meta });
      return;
    }
    const token = newOpaqueToken();
    const user = await this.db.run(async () => {
      const found = await this.users.findByEmail(email);
      if (!found?.active) return undefined;
      await this.resetTokens.revokeOpenOfUser(found.id);
      await this.resetTokens.insert({
        userId: found.id,
        tokenHash: this.hash(token),
        expiresAt: new Date(Date.now() + RESET_TTL_MINUTES * 60_000),
      });
      await this.mail.enqueue(resetLinkMail(found, resetLinkOf(this.config.webUrl, token), RESET_TTL_MINUTES));
      return found;
    });
    if (user)
      this.logger.log({
        event: 'password_reset_requested',
        userId: user.id,
        organizationId: user.organizationId,
        ...meta,
      });
  }

  private hash(token: string): string {
    return hashToken(this.config.sessionSecret, token);
  }
}
