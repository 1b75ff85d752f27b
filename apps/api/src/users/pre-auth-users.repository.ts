import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TransactionRunner } from '../common/database/transaction-runner';
import { PRE_AUTH, preAuthSql } from '../common/tenancy/pre-auth';
import { normalizeEmail } from '../common/validation/text';
import { User } from './user.entity';

export type SessionState = Pick<User, 'id' | 'organizationId' | 'role' | 'active' | 'tokenVersion'>;
export type AccessState = SessionState & { sessionRevoked: boolean };

const SESSION_STATE_COLUMNS =
  'u.id, u.organization_id AS "organizationId", u.role, u.active, u.token_version AS "tokenVersion"';

/**
 * User rows reached before there is a caller to scope by, or by the primary key of a user a
 * verified token names: sign-in, registration, invitation acceptance, token checks, password
 * reset, a calendar feed's owner. Unscoped on purpose (docs/access.md); each statement carries the
 * pre-auth mark, and everything else about users goes through the organization-scoped `UsersRepository`.
 */
@Injectable()
export class PreAuthUsers {
  constructor(private readonly db: TransactionRunner) {}

  private get repository() {
    return this.db.manager.getRepository(User);
  }

  /** Login and password reset: by e-mail, in any organization. */
  findByEmail(email: string): Promise<User | null> {
    return this.repository.findOne({ where: { email: normalizeEmail(email) }, comment: PRE_AUTH });
  }

  /** What decides whether a user may act now, in one plain indexed statement. */
  async findSessionState(id: string): Promise<SessionState | null> {
    const rows: SessionState[] = await this.db.manager.query(
      preAuthSql(`SELECT ${SESSION_STATE_COLUMNS} FROM users u WHERE u.id = $1`),
      [id],
    );
    return rows[0] ?? null;
  }

  /**
   * The session state plus whether the access token's session (refresh-token family) was revoked.
   * Runs on every authenticated request, so it stays one statement: the primary-key lookup and a
   * probe of the small partial index of revoked refresh tokens (RefreshToken says why one revoked
   * row means a revoked family).
   */
  async findAccessState(id: string, familyId: string): Promise<AccessState | null> {
    const rows: AccessState[] = await this.db.manager.query(
      preAuthSql(`SELECT ${SESSION_STATE_COLUMNS},
              EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS "sessionRevoked"
         FROM users u WHERE u.id = $1`),
      [id, familyId],
    );
    return rows[0] ?? null;
  }

  /** The full user behind a refresh or reset token. */
  findForSession(id: string): Promise<User | null> {
    return this.repository.findOne({ where: { id }, comment: PRE_AUTH });
  }

  /** E-mail addresses are unique across organizations (they are the login). */
  emailExists(email: string): Promise<boolean> {
    return this.repository.exists({ where: { email: normalizeEmail(email) }, comment: PRE_AUTH });
  }

  /** A user of a new organization (registration) or of the inviting one (invitation acceptance). */
  createInOrganization(
    organizationId: string,
    values: Pick<User, 'email' | 'name' | 'role' | 'passwordHash'>,
  ): Promise<User> {
    return this.repository.save(
      this.repository.create({ ...values, email: normalizeEmail(values.email), organizationId }),
    );
  }

  /** Refuses every access token issued so far (logout everywhere, password change, deactivation). */
  async bumpTokenVersion(userId: string): Promise<void> {
    await this.updateById(userId, { tokenVersion: () => 'token_version + 1' });
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.updateById(userId, { passwordHash });
  }

  async recordLogin(userId: string): Promise<void> {
    await this.updateById(userId, { lastLoginAt: new Date() });
  }

  private async updateById(id: string, changes: QueryDeepPartialEntity<User>): Promise<void> {
    await this.repository.createQueryBuilder().update().set(changes).where({ id }).comment(PRE_AUTH).execute();
  }
}
