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
import type { PolicyReason, Verdict } from '../policy/policy-verdict';
import { TripStatus } from './trip-status.machine';

@Entity('trips')
@Check('chk_trips_dates', '"end_date" >= "start_date"')
@Check(
  'chk_trips_decision',
  `"decision_outcome" IS NULL OR ("decision_outcome" IN ('approved', 'rejected') AND "decided_at" IS NOT NULL AND "decided_by_id" IS NOT NULL)`,
)
// docs/deployment.md § Performance: trips(user_id, organization_id); our traveller column is traveller_id.
@Index('idx_trips_user_org', ['travellerId', 'organizationId'])
@Index('idx_trips_org_start', ['organizationId', 'startDate', 'id'])
@Index('idx_trips_org_traveller_start', ['organizationId', 'travellerId', 'startDate', 'id'])
@Index('idx_trips_org_status_start', ['organizationId', 'status', 'startDate', 'id'])
// GIN trigram indexes for the `q` search, created by hand in the migration.
@Index('idx_trips_title_trgm', { synchronize: false })
@Index('idx_trips_destination_trgm', { synchronize: false })
export class Trip {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'uuid' })
  travellerId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn()
  traveller?: User;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'varchar', length: 200 })
  destination: string;

  /** Which cost centre pays (docs/reports.md): spend reports and cost-centre budgets group by it. */
  @Column({ type: 'varchar', length: 60, nullable: true })
  costCentre: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  destinationCountry: string | null;

  /** IANA zone of the destination: the default zone of the trip's activities. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  timezone: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'date' })
  endDate: string;

  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true })
  budgetAmount: string | null;

  @Column({ type: 'char', length: 3, nullable: true })
  budgetCurrency: string | null;

  @Column({ type: 'enum', enum: TripStatus, enumName: 'trip_status', default: TripStatus.Draft })
  status: TripStatus;

  /** The travel-policy verdict of the last submission (docs/policy.md); the policy* columns are null before it. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  policyVerdict: Verdict | null;

  /** The policy version the verdict was judged against. */
  @Column({ type: 'integer', nullable: true })
  policyVersion: number | null;

  @Column({ type: 'jsonb', nullable: true })
  policyReasons: PolicyReason[] | null;

  /** The traveller's reason code that made an out-of-policy trip acceptable (allowed_with_reason). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  policyReasonCode: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  policyCheckedAt: Date | null;

  /**
   * When the trip was last submitted. It and the decision* columns are written by the step itself,
   * in its transaction (trip-decision.ts), so a read right after a step sees them.
   */
  @Column({ type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  /** The last approval or rejection, kept while a rejected trip is revised and resubmitted; null before the first. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  decisionOutcome: DecisionOutcome | null;

  /** The rejection reason or the approver's comment. */
  @Column({ type: 'text', nullable: true })
  decisionReason: string | null;

  /** Users are deactivated, never deleted, so the decider stays (no ON DELETE action). */
  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @ManyToOne(() => User)
  @JoinColumn()
  decidedBy?: User;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** Approved at submission by the organization's auto-approval of in-policy trips. */
  @Column({ type: 'boolean', default: false })
  decisionAutomatic: boolean;

  /** Optimistic concurrency: every write is `… WHERE version = $expected` and bumps it. */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export type DecisionOutcome = 'approved' | 'rejected';

/** A trip with its co-travellers' ids (`trip_travellers`, in order; the lead is `travellerId`) and its collaborators' by role: what the access check reads. */
export type TripWithTravellerIds = Trip & { coTravellerIds: string[]; editorIds: string[]; viewerIds: string[] };

/** A trip read with its lead traveller's and co-travellers' ids and names joined (what responses show). */
export type TripWithTraveller = TripWithTravellerIds & {
  traveller: Pick<User, 'id' | 'name'>;
  coTravellers: Pick<User, 'id' | 'name'>[];
};

/** As `TripWithTraveller`, with the name of who took the last decision (null when there is none). */
export type TripWithDecider = TripWithTraveller & { deciderName: string | null };
