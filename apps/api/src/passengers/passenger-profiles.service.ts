import { Injectable } from '@nestjs/common';
import type { AuthContext } from '../common/auth/auth-context';
import { DataEncryption } from '../common/crypto/data-encryption';
import { TransactionRunner } from '../common/database/transaction-runner';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { PassengerErrorCode } from '../common/errors/error-codes';
import type { PassengerDetails } from '../flights/supplier/flight-supplier';
import { UsersRepository } from '../users/users.repository';
import { PassengerProfileDto, PassengerProfileResponse } from './dto/passenger-profile.dto';
import type { PassengerProfile } from './passenger-profile.entity';
import { PassengerProfilesRepository } from './passenger-profiles.repository';

/** A traveller's details for a flight order: `PassengerDetails` without the supplier's passenger id (the offer gives it). */
export type PassengerIdentity = Omit<PassengerDetails, 'supplierPassengerId'>;

/** What each encrypted value is bound to (AES-GCM additional data): a value copied elsewhere does not open. */
const bornOnContext = (userId: string) => `passenger_profiles.born_on:${userId}`;
const documentNumberContext = (userId: string) => `passenger_profiles.document_number:${userId}`;

/**
 * Passenger profiles: read and written by the person (`/users/me/…`) or an admin of their
 * organization (`/users/:id/…`, admin-only route), and handed decrypted to the booking flow
 * (`passengersFor`), never to anyone else (docs/access.md).
 */
@Injectable()
export class PassengerProfilesService {
  constructor(
    private readonly db: TransactionRunner,
    private readonly profiles: PassengerProfilesRepository,
    private readonly users: UsersRepository,
    private readonly encryption: DataEncryption,
  ) {}

  async get(ctx: AuthContext, userId: string): Promise<PassengerProfileResponse> {
    await this.requireMember(ctx, userId);
    const profile = await this.profiles.findByUser(ctx, userId);
    if (!profile) throw new NotFoundError('Passenger profile');
    return this.toResponse(profile);
  }

  /** Creates or replaces the whole profile; the date of birth and document number are sealed before they reach SQL. */
  put(ctx: AuthContext, userId: string, dto: PassengerProfileDto): Promise<PassengerProfileResponse> {
    return this.db.run(async () => {
      await this.requireMember(ctx, userId);
      await this.profiles.save(ctx, {
        userId,
        givenName: dto.givenName,
        familyName: dto.familyName,
        bornOnEncrypted: this.encryption.encrypt(dto.bornOn, bornOnContext(userId)),
        gender: dto.gender,
        title: dto.title,
        email: dto.email,
        phoneNumber: dto.phoneNumber,
        loyaltyProgrammes: (dto.loyaltyProgrammes ?? []).map(({ airlineIataCode, accountNumber }) => ({
          airlineIataCode,
          accountNumber,
        })),
        documentNumberEncrypted: dto.documentNumber
          ? this.encryption.encrypt(dto.documentNumber, documentNumberContext(userId))
          : null,
      });
      return this.toResponse((await this.profiles.findByUser(ctx, userId))!);
    });
  }

  /**
   * For the booking flow: the decrypted details of each of `userIds` (a trip's travellers, lead
   * first), in the same order. The caller must have checked its right to book for them (the trip's
   * `book_travel`); the details go to the supplier, never into a response. Refuses with
   * PASSENGER_PROFILE_INCOMPLETE (422) naming every traveller who has no profile.
   */
  async passengersFor(ctx: AuthContext, userIds: readonly string[]): Promise<PassengerIdentity[]> {
    const found = new Map(
      (await this.profiles.findByUsers(ctx, [...userIds])).map((profile) => [profile.userId, profile]),
    );
    const missing = userIds.filter((id) => !found.has(id));
    if (missing.length > 0) {
      const names = await this.profiles.names(ctx, missing);
      const who = missing.map((id) => names.get(id) ?? `an unknown traveller (${id})`);
      throw new DomainError(
        PassengerErrorCode.ProfileIncomplete,
        `No passenger profile for ${who.join(', ')}: each traveller (or an admin) fills in the passenger profile before booking`,
      );
    }
    return userIds.map((id) => {
      const profile = found.get(id)!;
      return {
        givenName: profile.givenName,
        familyName: profile.familyName,
        bornOn: this.encryption.decrypt(profile.bornOnEncrypted, bornOnContext(id)),
        gender: profile.gender,
        title: profile.title,
        email: profile.email,
        phoneNumber: profile.phoneNumber,
        ...(profile.loyaltyProgrammes.length > 0 ? { loyaltyProgrammeAccounts: profile.loyaltyProgrammes } : {}),
      };
    });
  }

  /** Another organization's user, or no such user: 404, whatever the route. */
  private async requireMember(ctx: AuthContext, userId: string): Promise<void> {
    if (!(await this.users.findById(ctx, userId))) throw new NotFoundError('User');
  }

  private toResponse(profile: PassengerProfile): PassengerProfileResponse {
    return {
      userId: profile.userId,
      givenName: profile.givenName,
      familyName: profile.familyName,
      bornOn: this.encryption.decrypt(profile.bornOnEncrypted, bornOnContext(profile.userId)),
      gender: profile.gender,
      title: profile.title,
      email: profile.email,
      phoneNumber: profile.phoneNumber,
      loyaltyProgrammes: profile.loyaltyProgrammes,
      documentNumber: profile.documentNumberEncrypted
        ? this.encryption.decrypt(profile.documentNumberEncrypted, documentNumberContext(profile.userId))
        : null,
      updatedAt: profile.updatedAt.toISOString(),
    };
  }
}
