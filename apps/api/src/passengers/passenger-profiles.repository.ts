import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AuthContext } from '../common/auth/auth-context';
import { TransactionRunner } from '../common/database/transaction-runner';
import { OrganizationScopedRepository } from '../common/tenancy/organization-scoped.repository';
import { User } from '../users/user.entity';
import { PassengerProfile } from './passenger-profile.entity';

export type StoredProfile = Omit<
  PassengerProfile,
  'id' | 'organizationId' | 'organization' | 'user' | 'version' | 'createdAt' | 'updatedAt'
>;

/** Passenger profiles of the caller's organization, one per user. */
@Injectable()
export class PassengerProfilesRepository extends OrganizationScopedRepository<PassengerProfile> {
  protected readonly entity = PassengerProfile;
  protected readonly noun = 'Passenger profile';

  constructor(db: TransactionRunner) {
    super(db);
  }

  async findByUser(ctx: AuthContext, userId: string): Promise<PassengerProfile | null> {
    const [profile] = await this.findWhere(ctx, { userId });
    return profile ?? null;
  }

  findByUsers(ctx: AuthContext, userIds: string[]): Promise<PassengerProfile[]> {
    return this.findWhere(ctx, { userId: In(userIds) });
  }

  /** Creates or replaces the user's profile (one statement: a concurrent first save cannot make two). */
  async save(ctx: AuthContext, profile: StoredProfile): Promise<void> {
    const columns = [
      'given_name',
      'family_name',
      'born_on_encrypted',
      'gender',
      'title',
      'email',
      'phone_number',
      'loyalty_programmes',
      'document_number_encrypted',
    ];
    await this.scopedSql(
      ctx,
      `INSERT INTO passenger_profiles (organization_id, user_id, ${columns.join(', ')})
        VALUES ($organization, $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)
        ON CONFLICT (user_id) DO UPDATE SET ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')},
          version = passenger_profiles.version + 1, updated_at = now()
        WHERE passenger_profiles.organization_id = $organization`,
      [
        profile.userId,
        profile.givenName,
        profile.familyName,
        profile.bornOnEncrypted,
        profile.gender,
        profile.title,
        profile.email,
        profile.phoneNumber,
        JSON.stringify(profile.loyaltyProgrammes),
        profile.documentNumberEncrypted,
      ],
    );
  }

  /** Names of the caller's organization's users among `userIds` (for messages). */
  async names(ctx: AuthContext, userIds: string[]): Promise<Map<string, string>> {
    const users = await this.findOwned(ctx, User, { id: In(userIds) }, { id: true, name: true });
    return new Map(users.map((user) => [user.id, user.name]));
  }
}
