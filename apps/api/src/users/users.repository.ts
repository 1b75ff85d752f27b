import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { UserRole } from '../common/auth/user-role';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { normalizeEmail } from '../common/validation/text';
import { User } from './user.entity';

/** The members of the caller's organization. Look-ups before sign-in are `PreAuthUsers`'. */
@Injectable()
export class UsersRepository extends OrganizationScopedRepository<User> {
  protected readonly entity = User;
  protected readonly noun = 'User';

  constructor(db: TransactionRunner) {
    super(db);
  }

  /** Whether the caller's own organization has a member with this e-mail (says nothing of others). */
  memberEmailExists(ctx: AuthContext, email: string): Promise<boolean> {
    return this.existsWhere(ctx, { email: normalizeEmail(email) });
  }

  listMembers(ctx: AuthContext, offset: number, limit: number): Promise<[User[], number]> {
    return this.query(ctx, 'user')
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id')
      .skip(offset)
      .take(limit)
      .getManyAndCount();
  }

  /** Which of `ids` are active members of the caller's organization (another organization's are simply not). */
  async activeMemberIds(ctx: AuthContext, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.query(ctx, 'user')
      .andWhere('user.id IN (:...ids) AND user.active = true', { ids })
      .select(['user.id'])
      .getMany();
    return new Set(rows.map((row) => row.id));
  }

  /** The active members among `ids`, with their roles (what the trip access check needs of them). */
  activeMembers(ctx: AuthContext, ids: readonly string[]): Promise<Pick<User, 'id' | 'name' | 'role'>[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.query(ctx, 'user')
      .andWhere('user.id IN (:...ids) AND user.active = true', { ids })
      .select(['user.id', 'user.name', 'user.role'])
      .getMany();
  }

  /** Up to `limit` active members whose name or e-mail contains `q`, by name (a colleague picker). */
  searchActive(ctx: AuthContext, q: string, limit: number): Promise<Pick<User, 'id' | 'name' | 'email'>[]> {
    const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.query(ctx, 'user')
      .andWhere('user.active = true AND (user.name ILIKE :pattern OR user.email ILIKE :pattern)', { pattern })
      .select(['user.id', 'user.name', 'user.email'])
      .orderBy('user.name')
      .take(limit)
      .getMany();
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
    await this.updateWhere(ctx, { id }, patch);
  }
}
