import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * One refresh token of a login session ("family"). Only an HMAC of the token is stored.
 * Rotation spends a row (`usedAt`) and adds its successor to the same family; presenting a
 * spent token revokes the whole family.
 */
@Entity('refresh_tokens')
@Index('idx_refresh_tokens_family', ['familyId'])
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
