import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { User } from './user.entity';
import { UserRole } from '../common/auth/user-role';

export type SessionState = Pick<User, 'id' | 'organizationId' | 'role' | 'active' | 'tokenVersion'>;
export type AccessState = SessionState & { sessionRevoked: boolean };

const SESSION_STATE_COLUMNS = 'u.id, u.organization_id AS "organizationId", u.role, u.active, u.token_version AS "tokenVersion"';

@Injectable()
export class UsersRepository extends OrganizationScopedRepository<User> {
  protected readonly entity = User;
  protected readonly noun = 'User';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /**
   * Identity lookups happen before there is a caller to scope by (login, token checks);
   * they return only what authentication needs.
   */
  findByEmail(email: string): Promise<User | null> {
    return this.repository.findOne({ where: { email: normalizeEmail(email) } });
  }

  /** What decides whether a user may act now, in one plain indexed statement. */
  async findSessionState(id: string): Promise<SessionState | null> {
    const rows: SessionState[] = await this.db.manager.query(`SELECT ${SESSION_STATE_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
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
      `SELECT ${SESSION_STATE_COLUMNS},
              EXISTS (SELECT 1 FROM refresh_tokens r WHERE r.family_id = $2 AND r.revoked_at IS NOT NULL) AS "sessionRevoked"
         FROM users u WHERE u.id = $1`,
      [id, familyId],
    );
    return rows[0] ?? null;
  }

  /** The full user behind a refresh token (identity lookup, before any caller is known). */
  findForSession(id: string): Promise<User | null> {
    return this.repository.findOne({ where: { id } });
  }

  async emailExists(email: string): Promise<boolean> {
    return this.repository.exists({ where: { email: normalizeEmail(email) } });
  }

  /** Whether the caller's own organization has a member with this e-mail (says nothing of others). */
  async memberEmailExists(ctx: AuthContext, email: string): Promise<boolean> {
    return this.repository.exists({ where: this.scope(ctx, { email: normalizeEmail(email) }) });
  }

  /** Creates the first user of a brand-new organization (registration, invitation). */
  createInOrganization(organizationId: string, values: Pick<User, 'email' | 'name' | 'role' | 'passwordHash'>): Promise<User> {
    return this.repository.save(this.repository.create({ ...values, email: normalizeEmail(values.email), organizationId }));
  }

  listMembers(ctx: AuthContext, offset: number, limit: number): Promise<[User[], number]> {
    return this.query(ctx, 'user').orderBy('user.createdAt', 'ASC').addOrderBy('user.id').skip(offset).take(limit).getManyAndCount();
  }

  /** Active managers and admins: who is told when a trip waits for approval. */
  listApprovers(ctx: AuthContext): Promise<User[]> {
    return this.query(ctx, 'user')
      .andWhere('user.active = true AND user.role IN (:...roles)', { roles: [UserRole.Admin, UserRole.Manager] })
      .getMany();
  }

  /** Locks the organization's active admins (FOR UPDATE) so "the last admin" checks cannot race. */
  async lockActiveAdmins(ctx: AuthContext): Promise<string[]> {
    const rows = await this.query(ctx, 'user')
      .andWhere('user.role = :role AND user.active = true', { role: UserRole.Admin })
      .setLock('pessimistic_write')
      .select(['user.id'])
      .getMany();
    return rows.map((row) => row.id);
  }

  async update(ctx: AuthContext, id: string, patch: Partial<Pick<User, 'role' | 'active' | 'name'>>): Promise<void> {
    await this.repository.update(this.scope(ctx, { id }), patch);
  }

  /** Refuses every access token issued so far (logout everywhere, password change, deactivation). */
  async bumpTokenVersion(userId: string): Promise<void> {
    await this.repository.increment({ id: userId }, 'tokenVersion', 1);
  }

  async setPassword(userId: string, passwordHash: string): Promise<void> {
    await this.repository.update({ id: userId }, { passwordHash });
  }

  async recordLogin(userId: string): Promise<void> {
    await this.repository.update({ id: userId }, { lastLoginAt: new Date() });
  }
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
