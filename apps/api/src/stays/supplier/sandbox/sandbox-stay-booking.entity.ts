import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { StayCancellationPolicy, StayProperty } from '../stay-supplier';

/**
 * A booking the sandbox stay supplier "made": in PostgreSQL so that every worker and every restart
 * sees it, as Duffel's are. Not tenant data (it stands in for the supplier's side), so no
 * organization: the booking that names it is. No guest names, e-mail or phone are kept: the sandbox
 * needs only the number of guests.
 */
@Entity('sandbox_stay_bookings')
export class SandboxStayBooking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Our booking id from the booking's metadata: the reconciler looks bookings up by it. */
  @Index('idx_sandbox_stay_bookings_booking_id')
  @Column({ type: 'varchar', length: 100 })
  bookingId: string;

  @Column({ type: 'text' })
  quoteId: string;

  /** "SBX-H" and 6 letters or digits: never mistaken for a hotel's confirmation number. */
  @Column({ type: 'varchar', length: 12, unique: true })
  reference: string;

  /** The property as sold (kept, not re-derived, so a booking outlives changes to the generator). */
  @Column({ type: 'jsonb' })
  property: StayProperty;

  @Column({ type: 'text' })
  roomName: string;

  @Column({ type: 'varchar', length: 20 })
  board: string;

  @Column({ type: 'date' })
  checkInDate: string;

  @Column({ type: 'date' })
  checkOutDate: string;

  @Column({ type: 'smallint' })
  rooms: number;

  @Column({ type: 'smallint' })
  guests: number;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  totalAmount: string;

  @Column({ type: 'char', length: 3 })
  totalCurrency: string;

  @Column({ type: 'jsonb' })
  cancellation: StayCancellationPolicy;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  refundAmount: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
