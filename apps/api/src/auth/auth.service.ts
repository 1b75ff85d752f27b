import { Injectable, Logger } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainEvents } from '../events/domain-events';
import { DomainError } from '../common/errors/domain-error';
import { AuthErrorCode } from '../common/errors/error-codes';
import { PreAuthInvitations } from '../organizations/pre-auth-invitations.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { TravelPoliciesRepository } from '../policy/travel-policies.repository';
import { toUserResponse, UserResponse } from '../users/user.dto';
import { UserRole } from '../common/auth/user-role';
import { UserSessions } from '../users/user-sessions.service';
import { RefreshTokensRepository } from '../users/refresh-tokens.repository';
import { PreAuthUsers } from '../users/pre-auth-users.repository';
import { UsersRepository } from '../users/users.repository';
import { AuthTokens } from './auth-tokens.service';
import { AcceptInvitationDto, AuthResponse, ChangePasswordDto, LoginDto, RegisterDto } from './dto/auth.dto';
import { PasswordHasher } from './password-hasher';

/** The same answer whether the e-mail is unknown, the password wrong or the account disabled. */
const BAD_CREDENTIALS = 'Invalid e-mail or password';
const BAD_REFRESH_TOKEN = 'Invalid or expired refresh token';
/** How long a just-rotated refresh token still gets a sibling instead of revoking its family. */
const ROTATION_GRACE_MS = 10_000;

export interface RequestMeta {
  ip: string;
  requestId: string;
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly db: TransactionRunner,
    private readonly users: UsersRepository,
    private readonly preAuthUsers: PreAuthUsers,
    private readonly sessions: UserSessions,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly policies: TravelPoliciesRepository,
    private readonly invitations: PreAuthInvitations,
    private readonly hasher: PasswordHasher,
    private readonly tokens: AuthTokens,
    private readonly events: DomainEvents,
  ) {}

  /** Creates an organization, its default travel policy and its first admin, as one transaction. */
  async register(dto: RegisterDto): Promise<AuthResponse> {
    if (await this.preAuthUsers.emailExists(dto.email)) throw this.emailTaken();
    const passwordHash = await this.hasher.hash(dto.password);
    return this.db.run(async () => {
      const organization = await this.organizations.create(dto.organizationName);
      await this.policies.createDefault(organization.id);
      const user = await this.preAuthUsers.createInOrganization(organization.id, {
        email: dto.email,
        name: dto.name,
        role: UserRole.Admin,
        passwordHash,
      });
      return this.tokens.issue(user);
    });
  }

  async login(dto: LoginDto, meta: RequestMeta): Promise<AuthResponse> {
    const user = await this.preAuthUsers.findByEmail(dto.email);
    const valid = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!user || !valid || !user.active) {
      this.logger.warn({ event: 'login_failed', userId: user?.id, organizationId: user?.organizationId, ...meta });
      throw new DomainError(AuthErrorCode.InvalidCredentials, BAD_CREDENTIALS);
    }
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.preAuthUsers.setPassword(user.id, await this.hasher.hash(dto.password));
    }
    await this.preAuthUsers.recordLogin(user.id);
    return this.tokens.issue(user);
  }

  /**
   * Rotation with reuse detection (RFC 9700 §4.14.2): a refresh token works once. Presenting one
   * spent longer than ROTATION_GRACE_MS ago, or one of a revoked family, revokes the whole family,
   * so a stolen token dies with the session (its access tokens too: they carry the family as `sid`).
   *
   * Grace period (like Okta's rotation grace period and Auth0's reuse interval): two tabs that
   * refresh with the same token at once must not sign the user out. Within it a spent token gets a
   * new sibling in the same family instead of "the same successor": the successor is stored only
   * as an HMAC, and keeping its plaintext, even encrypted under a key derived from the presented
   * token, would put a usable secret at rest. A sibling gives away nothing more: whoever presents
   * the token seconds after its use could have been the first to use it, and a revoked family takes
   * every sibling with it. The row lock serialises concurrent refreshes with one token.
   */
  async refresh(refreshToken: string, meta: RequestMeta): Promise<AuthResponse> {
    const outcome = await this.db.run(async () => {
      const token = await this.refreshTokens.findByHashForUpdate(this.tokens.hash(refreshToken));
      if (!token) return undefined;
      const now = new Date();
      const spentBeforeGrace = token.usedAt !== null && now.getTime() - token.usedAt.getTime() > ROTATION_GRACE_MS;
      if (token.revokedAt || spentBeforeGrace || (await this.refreshTokens.familyRevoked(token.familyId))) {
        await this.sessions.revokeSession(token.userId, token.familyId);
        return { reused: token };
      }
      if (token.expiresAt <= now || token.familyExpiresAt <= now) return undefined;
      const user = await this.preAuthUsers.findForSession(token.userId);
      if (!user?.active || user.organizationId !== token.organizationId) return undefined;
      // Spent once: a second use within the grace period keeps the first use's time (no sliding window).
      if (!token.usedAt) await this.refreshTokens.markUsed(token.id);
      return this.tokens.issue(user, { id: token.familyId, expiresAt: token.familyExpiresAt });
    });
    if (outcome && 'reused' in outcome) {
      const { reused } = outcome;
      this.logger.warn({
        event: 'refresh_token_reuse',
        userId: reused.userId,
        organizationId: reused.organizationId,
        familyId: reused.familyId,
        ...meta,
      });
    }
    if (!outcome || 'reused' in outcome) throw new DomainError(AuthErrorCode.RefreshTokenInvalid, BAD_REFRESH_TOKEN);
    return outcome;
  }

  /** Ends the session the refresh token belongs to. Unknown tokens are ignored (idempotent). */
  async logout(refreshToken: string): Promise<void> {
    const token = await this.refreshTokens.findByHash(this.tokens.hash(refreshToken));
    if (token) await this.db.run(() => this.sessions.revokeSession(token.userId, token.familyId));
  }

  /** Signs out everywhere: every refresh token and every access token issued so far. */
  async logoutEverywhere(ctx: AuthContext): Promise<void> {
    await this.db.run(() => this.sessions.revokeAll(ctx.userId));
  }

  async me(ctx: AuthContext): Promise<UserResponse> {
    return toUserResponse(await this.users.getById(ctx, ctx.userId));
  }

  /** Changes the password, ends every other session, and returns a fresh pair for this one. */
  async changePassword(ctx: AuthContext, dto: ChangePasswordDto): Promise<AuthResponse> {
    const user = await this.users.getById(ctx, ctx.userId);
    if (!(await this.hasher.verify(user.passwordHash, dto.currentPassword))) {
      throw new DomainError(AuthErrorCode.CurrentPasswordIncorrect, 'The current password is not correct');
    }
    const passwordHash = await this.hasher.hash(dto.newPassword);
    return this.db.run(async () => {
      await this.preAuthUsers.setPassword(user.id, passwordHash);
      await this.sessions.revokeAll(user.id);
      return this.tokens.issue(await this.users.getById(ctx, user.id));
    });
  }

  /** Joins the inviting organization with the invited role; the link works once, for 7 days. */
  async acceptInvitation(dto: AcceptInvitationDto): Promise<AuthResponse> {
    const passwordHash = await this.hasher.hash(dto.password);
    return this.db.run(async () => {
      const invitation = await this.invitations.findByTokenHashForUpdate(this.tokens.hash(dto.token));
      if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= new Date()) {
        throw new DomainError(AuthErrorCode.InvitationInvalid, 'This invitation is invalid, already used or expired');
      }
      if (await this.preAuthUsers.emailExists(invitation.email)) throw this.emailTaken();
      const user = await this.preAuthUsers.createInOrganization(invitation.organizationId, {
        email: invitation.email,
        name: dto.name,
        role: invitation.role,
        passwordHash,
      });
      await this.invitations.markAccepted(invitation.id);
      const newMember = { userId: user.id, organizationId: user.organizationId, role: user.role };
      await this.events.publish(newMember, 'invitation.accepted', {
        invitationId: invitation.id,
        email: user.email,
        role: user.role,
        userId: user.id,
      });
      return this.tokens.issue(user);
    });
  }

  private emailTaken(): DomainError {
    return new DomainError(AuthErrorCode.EmailTaken, 'An account with this e-mail already exists');
  }
}
