import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';
import { User } from '../users/user.entity';

export const GENDERS = ['m', 'f'] as const;
export type Gender = (typeof GENDERS)[number];
export const TITLES = ['mr', 'ms', 'mrs', 'miss', 'dr'] as const;
export type Title = (typeof TITLES)[number];

export interface LoyaltyProgrammeAccount {
  /** The airline's IATA designator (`BA`, `U2`). */
  airlineIataCode: string;
  accountNumber: string;
}

/**
 * A person's passenger details, as in their passport: what a flight order needs for them. One per
 * user. The date of birth and the document number are stored encrypted (AES-256-GCM,
 * `DataEncryption`): the `*_encrypted` columns hold `v1:<key id>:<iv>:<ciphertext>:<tag>`, never
 * the value.
 */
@Entity('passenger_profiles')
@Index('uq_passenger_profiles_user', ['userId'], { unique: true })
@Check('chk_passenger_profiles_gender', `"gender" IN ('m', 'f')`)
@Check('chk_passenger_profiles_title', `"title" IN ('mr', 'ms', 'mrs', 'miss', 'dr')`)
export class PassengerProfile {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'varchar', length: 60 })
  givenName: string;

  @Column({ type: 'varchar', length: 60 })
  familyName: string;

  /** The date of birth (YYYY-MM-DD), encrypted. */
  @Column({ type: 'text' })
  bornOnEncrypted: string;

  @Column({ type: 'varchar', length: 1 })
  gender: Gender;

  @Column({ type: 'varchar', length: 4 })
  title: Title;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** E.164 */
  @Column({ type: 'varchar', length: 16 })
  phoneNumber: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  loyaltyProgrammes: LoyaltyProgrammeAccount[];

  /** The travel document (passport) number, encrypted; null when none was given. */
  @Column({ type: 'text', nullable: true })
  documentNumberEncrypted: string | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
