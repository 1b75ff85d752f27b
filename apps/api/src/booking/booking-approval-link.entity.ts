import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../common/tenancy/organization.entity';
import { User } from '../users/user.entity';
import { Booking } from './booking.entity';

/**
 * A link in an approver's e-mail that lets them decide a booking waiting for approval without
 * signing in (S29): a 256-bit token, stored only as its keyed hash, for one approver, expiring, and
 * dead once the booking is decided (by this link or any other way). Opening it changes nothing: the
 * page it shows asks to confirm, and the decision is a POST.
 */
@Entity('booking_approval_links')
@Index('uq_booking_approval_links_token', ['tokenHash'], { unique: true })
@Index('idx_booking_approval_links_org_booking', ['organizationId', 'bookingId'])
export class BookingApprovalLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  bookingId: string;

  @ManyToOne(() => Booking, { onDelete: 'CASCADE' })
  @JoinColumn()
  booking?: Booking;

  /** Who the link decides as: it was e-mailed to them, and it acts with their role at the time of use. */
  @Column({ type: 'uuid' })
  approverId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  approver?: User;

  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** When the booking was decided (through this link or otherwise): the link is dead from then on. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
