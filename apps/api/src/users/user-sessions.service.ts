import { Injectable } from '@nestjs/common';
import { DomainEvents } from '../events/domain-events';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { PreAuthUsers } from './pre-auth-users.repository';

/**
 * Ends sessions: "sign out everywhere" (logout-all, password change and reset, deactivation) and
 * one session (logout, refresh-token reuse). Each publishes `user.signed_out` in the caller's
 * transaction, so live connections made with the revoked tokens are closed once it commits.
 */
@Injectable()
export class UserSessions {
  constructor(
    private readonly users: PreAuthUsers,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly events: DomainEvents,
  ) {}

  /** Every session of the user; runs inside the caller's transaction. */
  async revokeAll(userId: string): Promise<void> {
    await this.users.bumpTokenVersion(userId);
    await this.refreshTokens.revokeAllOfUser(userId);
    await this.signedOut(userId);
  }

  /** One session (a refresh-token family); runs inside the caller's transaction. */
  async revokeSession(userId: string, sessionId: string): Promise<void> {
    await this.refreshTokens.revokeFamily(sessionId);
    await this.signedOut(userId, sessionId);
  }

  private async signedOut(userId: string, sessionId?: string): Promise<void> {
    const user = await this.users.findForSession(userId);
    if (!user) return;
    // The signed-out user is the event's actor: the event is about their own sessions.
    const actor = { userId: user.id, organizationId: user.organizationId, role: user.role };
    await this.events.publish(actor, 'user.signed_out', sessionId ? { userId, sessionId } : { userId });
  }
}
