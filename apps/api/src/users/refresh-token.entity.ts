import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One refresh token of a login session ("family"). Only an HMAC of the token is stored.
 * Rotation spends a row (`usedAt`) and adds its successor to the same family; presenting a
 * spent token (after a short grace period) revokes the whole family.
 *
 * Revocation is only ever of whole families, so ONE revoked row means the family is revoked. Checks
 * rely on that rather than on "some row is still live": a successor inserted while a logout's UPDATE
 * ran is not in that UPDATE's snapshot and stays unrevoked, but its family is revoked all the same.
 */
@Entity('refresh_tokens')
@Index('idx_refresh_tokens_family', ['familyId'])
// Probed on every authenticated request (is the access token's session revoked?); holds revoked rows only.
@Index('idx_refresh_tokens_revoked_family', ['familyId'], { where: '"revoked_at" IS NOT NULL' })
@Index('idx_refresh_tokens_user', ['userId'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  user?: User;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  familyId: string;

  @Index('uq_refresh_tokens_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Absolute end of the session, whatever the rotations. */
  @Column({ type: 'timestamptz' })
  familyExpiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
