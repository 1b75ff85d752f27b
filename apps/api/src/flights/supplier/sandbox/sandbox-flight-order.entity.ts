import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { FlightOffer, FlightSlice } from '../flight-supplier';

/**
 * An order the sandbox supplier "made": in PostgreSQL so that every worker and every restart sees it,
 * as Duffel's orders are. Not tenant data (it stands in for the supplier's side), so no organization:
 * the booking that names it is. No passenger details are kept: the sandbox needs only their number,
 * and a date of birth is stored nowhere unencrypted.
 */
@Entity('sandbox_flight_orders')
export class SandboxFlightOrder {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Our booking id from the order's metadata: the reconciler looks orders up by it. */
  @Index('idx_sandbox_flight_orders_booking_id')
  @Column({ type: 'varchar', length: 100 })
  bookingId: string;

  @Column({ type: 'text' })
  offerId: string;

  /** "SBX-" and 6 letters or digits: never mistaken for an airline's record locator. */
  @Column({ type: 'varchar', length: 12, unique: true })
  bookingReference: string;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  totalAmount: string;

  @Column({ type: 'char', length: 3 })
  totalCurrency: string;

  @Column({ type: 'smallint' })
  passengerCount: number;

  /** The itinerary as sold (kept, not re-derived, so an order outlives changes to the generator). */
  @Column({ type: 'jsonb' })
  slices: FlightSlice[];

  @Column({ type: 'jsonb' })
  conditions: FlightOffer['conditions'];

  /** The latest cancellation quote; a new quote replaces an unconfirmed one. */
  @Index('idx_sandbox_flight_orders_cancellation_id', { unique: true })
  @Column({ type: 'varchar', length: 60, nullable: true })
  cancellationId: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  refundAmount: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancellationExpiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
