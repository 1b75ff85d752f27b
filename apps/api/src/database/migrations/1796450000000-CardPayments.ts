import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Card payments through Stripe (issue 11, docs/payments.md): each organization's Stripe customer and
 * saved card (brand, last four, expiry: never the number), the bookings' payment state machine and
 * PaymentIntent, and the Stripe events already handled (by event id).
 */
export class CardPayments1796450000000 implements MigrationInterface {
  name = 'CardPayments1796450000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "organization_payment_methods" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "stripe_customer_id" character varying(255) NOT NULL, "checkout_session_id" character varying(255), "stripe_payment_method_id" character varying(255), "card_brand" character varying(20), "card_last4" character(4), "card_exp_month" smallint, "card_exp_year" smallint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_963a5af5802e175ab4470c47d2a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_payment_methods_customer" ON "organization_payment_methods" ("stripe_customer_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_organization_payment_methods_org" ON "organization_payment_methods" ("organization_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "stripe_webhook_events" ("id" character varying(255) NOT NULL, "type" character varying(80) NOT NULL, "outcome" character varying(40) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0cf13fd3f2ff5604e092bc1ff48" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD "payment_method" character varying(10) NOT NULL DEFAULT 'invoice'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."booking_payment_status" AS ENUM('none', 'authorising', 'authorised', 'captured', 'cancelled', 'failed', 'partially_refunded', 'refunded')`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD "payment_status" "public"."booking_payment_status" NOT NULL DEFAULT 'none'`,
    );
    await queryRunner.query(`ALTER TABLE "bookings" ADD "stripe_payment_method_id" character varying(255)`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "payment_intent_id" character varying(255)`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "payment_card_brand" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "payment_card_last4" character(4)`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "payment_captured_amount" numeric(12,2)`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "payment_refunded_amount" numeric(12,2)`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "payment_failure_code" character varying(60)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bookings_payment_intent" ON "bookings" ("payment_intent_id") WHERE "payment_intent_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "organization_payment_methods" ADD CONSTRAINT "FK_8138671eb1abfc9b8727435cb42" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "organization_payment_methods" DROP CONSTRAINT "FK_8138671eb1abfc9b8727435cb42"`,
    );
    await queryRunner.query(`DROP INDEX "public"."uq_bookings_payment_intent"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_failure_code"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_refunded_amount"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_captured_amount"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_card_last4"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_card_brand"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_intent_id"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "stripe_payment_method_id"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_status"`);
    await queryRunner.query(`DROP TYPE "public"."booking_payment_status"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "payment_method"`);
    await queryRunner.query(`DROP TABLE "stripe_webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_payment_methods_org"`);
    await queryRunner.query(`DROP INDEX "public"."uq_organization_payment_methods_customer"`);
    await queryRunner.query(`DROP TABLE "organization_payment_methods"`);
  }
}
