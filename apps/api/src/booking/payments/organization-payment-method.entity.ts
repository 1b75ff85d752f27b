import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../../common/tenancy/organization.entity';

/**
 * The organization's Stripe customer (created once, the first time an admin opens Checkout) and
 * the card saved through Checkout in setup mode: Stripe's PaymentMethod id, brand, last four
 * digits and expiry — never the card number, which never reaches NestMap.
 */
@Entity('organization_payment_methods')
@Index('uq_organization_payment_methods_org', ['organizationId'], { unique: true })
@Index('uq_organization_payment_methods_customer', ['stripeCustomerId'], { unique: true })
export class OrganizationPaymentMethod {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn()
  organization?: Organization;

  @Column({ type: 'varchar', length: 255 })
  stripeCustomerId: string;

  /** The last Checkout Session opened (its completion must name it). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  checkoutSessionId: string | null;

  /** The default card; null when none is saved (or it was removed). */
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripePaymentMethodId: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  cardBrand: string | null;

  @Column({ type: 'char', length: 4, nullable: true })
  cardLast4: string | null;

  @Column({ type: 'smallint', nullable: true })
  cardExpMonth: number | null;

  @Column({ type: 'smallint', nullable: true })
  cardExpYear: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
