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
import type { FlightOffer, FlightOrder, SupplierName } from '../flights/supplier/flight-supplier';
import type { PolicyReason, Verdict } from '../policy/policy-verdict';
import type { StayBooking, StayQuote, StayRate } from '../stays/supplier/stay-supplier';
import { Trip } from '../trips/trip.entity';
import { User } from '../users/user.entity';
import { type PaymentMethodKind, PaymentStatus, PAYMENT_STATUSES } from './payments/payment-status.machine';
import { BookingStatus } from './booking-status.machine';

export const BOOKING_KINDS = ['flight', 'stay'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];

/** What a stay booking books: the quote it pays, the rate as searched, and the supplier's booking once made. */
export interface BookedStay {
  /** The latest quote (property, dates, rooms, guests, total): taken at booking, and again at approval. */
  quote: StayQuote;
  /** The rate as the search showed it (room, board, cancellation policy), for when the quote does not say. */
  rate: StayRate;
  /** When the searched rate could no longer be booked (an approver's re-quote is refused after it). */
  expiresAt: string;
  /** The booking as the supplier confirmed it, then cancelled it. */
  booking: StayBooking | null;
}

/** The cheapest in-policy offer (or stay rate) of the same search when the booking was made ("why did we pay this"). */
export interface CheapestAlternative {
  /** Our stored offer's or rate's id (flight_offers.id, stay_rates.id). */
  offerId: string;
  amount: string;
  currency: string;
}

/**
 * One booking of a flight offer or a stay rate (`kind`): ordered (or to be ordered) for a trip's travellers, and where it
 * stands in the lifecycle (booking-status.machine.ts). The supplier is called only outside a
 * database transaction: `ordering` is committed first, so a crash leaves a row the reconciler
 * finishes (docs/booking.md § Bookings).
 */
@Entity('bookings')
// Idempotency (S27): one booking per key, per booker, per organization.
@Index('uq_bookings_idempotency', ['organizationId', 'bookerId', 'idempotencyKey'], { unique: true })
// S15: one live booking per offer of a trip, whatever key it came with.
@Index('uq_bookings_live_offer', ['organizationId', 'tripId', 'supplierOfferId'], {
  unique: true,
  where: `"status" NOT IN ('rejected', 'failed', 'cancelled')`,
})
// One booking per supplier order.
@Index('uq_bookings_supplier_order', ['supplier', 'supplierOrderId'], {
  unique: true,
  where: '"supplier_order_id" IS NOT NULL',
})
// A Stripe event names its PaymentIntent: one booking per PaymentIntent.
@Index('uq_bookings_payment_intent', ['paymentIntentId'], { unique: true, where: '"payment_intent_id" IS NOT NULL' })
@Index('idx_bookings_org_trip', ['organizationId', 'tripId', 'createdAt'])
@Index('idx_bookings_org_created', ['organizationId', 'createdAt', 'id'])
// The spend report (docs/reports.md): what a month's bookings and refunds add up to, from the index alone.
@Index('idx_bookings_report_confirmed', { synchronize: false })
@Index('idx_bookings_report_cancelled', { synchronize: false })
// The reconciler's scan: bookings stuck in `ordering`.
@Index('idx_bookings_ordering', ['orderingStartedAt'], { where: `"status" = 'ordering'` })
// The reconciler's other scan: bookings waiting for an approver (their offers expire).
@Index('idx_bookings_pending', ['createdAt'], { where: `"status" = 'pending_approval'` })
// A flight booking has its offer, a stay booking its stay, never both.
@Check('chk_bookings_kind', `("kind" = 'flight') = ("offer" IS NOT NULL) AND ("kind" = 'stay') = ("stay" IS NOT NULL)`)
@Check(
  'chk_bookings_confirmed_order',
  `"status" IN ('pending_approval', 'approved', 'rejected', 'ordering', 'failed') OR "supplier_order_id" IS NOT NULL`,
)
export class Booking {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  tripId: string;

  @ManyToOne(() => Trip, { onDelete: 'CASCADE' })
  @JoinColumn()
  trip?: Trip;

  /** Who booked. Users are deactivated, never deleted. */
  @Column({ type: 'uuid' })
  bookerId: string;

  @ManyToOne(() => User)
  @JoinColumn()
  booker?: User;

  @Column({ type: 'varchar', length: 10, default: 'flight' })
  kind: BookingKind;

  /** The travellers flying (or staying: the guests, lead first), in the offer's passenger order. */
  @Column({ type: 'uuid', array: true })
  passengerIds: string[];

  @Column({ type: 'enum', enum: BookingStatus, enumName: 'booking_status' })
  status: BookingStatus;

  @Column({ type: 'varchar', length: 20 })
  supplier: SupplierName;

  /** The stored offer or rate it was booked from (flight_offers.id or stay_rates.id; no foreign key: searches are pruned, bookings stay). */
  @Column({ type: 'uuid' })
  offerId: string;

  @Column({ type: 'varchar', length: 200 })
  supplierOfferId: string;

  /** A flight: the offer as re-priced just before booking (the supplier's answer to getOffer); null for a stay. */
  @Column({ type: 'jsonb', nullable: true })
  offer: FlightOffer | null;

  /** A stay: its quote, rate and supplier booking; null for a flight. */
  @Column({ type: 'jsonb', nullable: true })
  stay: BookedStay | null;

  @Column({ type: 'numeric', precision: 12, scale: 2 })
  totalAmount: string;

  @Column({ type: 'char', length: 3 })
  totalCurrency: string;

  @Column({ type: 'varchar', length: 20 })
  policyVerdict: Verdict;

  @Column({ type: 'integer' })
  policyVersion: number;

  @Column({ type: 'jsonb' })
  policyReasons: PolicyReason[];

  /** The booker's reason for going out of policy (one of the admin's codes), if any. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  policyReasonCode: string | null;

  /** The cheapest in-policy alternative of the same search at booking time; null when unknown or none. */
  @Column({ type: 'jsonb', nullable: true })
  cheapestInPolicy: CheapestAlternative | null;

  /**
   * The organization's reporting currency when the booking was made (its travel policy's) and the
   * rate from the booking's currency into it: the reports convert the price and any refund at this
   * rate, never at a later one. Null for bookings made before it was recorded in another currency.
   */
  @Column({ type: 'char', length: 3, nullable: true })
  reportCurrency: string | null;

  @Column({ type: 'numeric', precision: 24, scale: 12, nullable: true })
  reportRate: string | null;

  /** The offer's CO2e for all passengers (the supplier's figure, or the sandbox's estimate); null when unknown. */
  @Column({ type: 'integer', nullable: true })
  emissionsKg: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  supplierOrderId: string | null;

  /** The airline booking reference (PNR), or the property's confirmation number. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  bookingReference: string | null;

  /** The order as the supplier last described it (segments after an airline change). */
  @Column({ type: 'jsonb', nullable: true })
  order: FlightOrder | null;

  /** The flight or lodging activities the confirmed booking put in the itinerary (removed on cancellation). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  activityIds: string[];

  /** Why it failed, for people (the supplier's failure in our terms); null otherwise. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  failureCode: string | null;

  @Column({ type: 'text', nullable: true })
  failureMessage: string | null;

  /** The approver's decision (approve or reject), with an optional comment. */
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => User)
  @JoinColumn()
  decidedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  /** The last cancellation quote (refund, expiry), then its confirmation. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  cancellationId: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  refundAmount: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  refundCurrency: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancellationExpiresAt: Date | null;

  /** The client's `Idempotency-Key` and a hash of what it asked for (trip + body): a reuse with another request is refused. */
  @Column({ type: 'varchar', length: 255 })
  idempotencyKey: string;

  @Column({ type: 'char', length: 64 })
  requestFingerprint: string;

  /** The first request's answer, replayed to every retry with the same key (S27). Null while it runs. */
  @Column({ type: 'smallint', nullable: true })
  responseStatus: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody: unknown;

  /** When the status became `ordering` (the reconciler's clock), and until when a reconciler holds it. */
  @Column({ type: 'timestamptz', nullable: true })
  orderingStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  reconcileLeaseUntil: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  cancelledAt: Date | null;

  /**
   * How it is paid (docs/payments.md): `invoice` (the organization's monthly statement; the only
   * way without Stripe) or `card` (the organization's saved card through Stripe, decided when the
   * order is placed). The card's brand and last four digits are a copy, for the booking's history.
   */
  @Column({ type: 'varchar', length: 10, default: 'invoice' })
  paymentMethod: PaymentMethodKind;

  @Column({ type: 'enum', enum: PAYMENT_STATUSES, enumName: 'booking_payment_status', default: PaymentStatus.None })
  paymentStatus: PaymentStatus;

  /** Stripe's PaymentMethod (the organization's card when the booking was ordered) and the PaymentIntent made for it. */
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripePaymentMethodId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  paymentIntentId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  paymentCardBrand: string | null;

  @Column({ type: 'char', length: 4, nullable: true })
  paymentCardLast4: string | null;

  /** What was captured and refunded, in the booking's currency. */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  paymentCapturedAmount: string | null;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  paymentRefundedAmount: string | null;

  /** Stripe's decline code (or error code) when the authorisation was refused. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  paymentFailureCode: string | null;

  /** Bumped by every write (compare-and-set on the status). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
