import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flight bookings (issue 10): the booking lifecycle as one enum, the offer snapshot and its policy
 * verdict, the idempotency key of the request that made it (unique per booker), and at most one
 * live booking per offer of a trip (S15).
 */
export class Bookings1796330000000 implements MigrationInterface {
  name = 'Bookings1796330000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."booking_status" AS ENUM('pending_approval', 'approved', 'rejected', 'ordering', 'confirmed', 'failed', 'cancellation_quoted', 'cancelled', 'changed_by_airline')`,
    );
    await queryRunner.query(
      `CREATE TABLE "bookings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "booker_id" uuid NOT NULL, "passenger_ids" uuid array NOT NULL, "status" "public"."booking_status" NOT NULL, "supplier" character varying(20) NOT NULL, "offer_id" uuid NOT NULL, "supplier_offer_id" character varying(200) NOT NULL, "offer" jsonb NOT NULL, "total_amount" numeric(12,2) NOT NULL, "total_currency" character(3) NOT NULL, "policy_verdict" character varying(20) NOT NULL, "policy_version" integer NOT NULL, "policy_reasons" jsonb NOT NULL, "policy_reason_code" character varying(40), "cheapest_in_policy" jsonb, "supplier_order_id" character varying(200), "booking_reference" character varying(20), "order" jsonb, "activity_ids" uuid array NOT NULL DEFAULT '{}', "failure_code" character varying(40), "failure_message" text, "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_reason" text, "cancellation_id" character varying(100), "refund_amount" numeric(12,2), "refund_currency" character(3), "cancellation_expires_at" TIMESTAMP WITH TIME ZONE, "idempotency_key" character varying(255) NOT NULL, "request_fingerprint" character(64) NOT NULL, "response_status" smallint, "response_body" jsonb, "ordering_started_at" TIMESTAMP WITH TIME ZONE, "reconcile_lease_until" TIMESTAMP WITH TIME ZONE, "confirmed_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_bookings_confirmed_order" CHECK ("status" IN ('pending_approval', 'approved', 'rejected', 'ordering', 'failed') OR "supplier_order_id" IS NOT NULL), CONSTRAINT "PK_bee6805982cc1e248e94ce94957" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bookings_ordering" ON "bookings" ("ordering_started_at") WHERE "status" = 'ordering'`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bookings_org_created" ON "bookings" ("organization_id", "created_at", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bookings_org_trip" ON "bookings" ("organization_id", "trip_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bookings_supplier_order" ON "bookings" ("supplier", "supplier_order_id") WHERE "supplier_order_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bookings_live_offer" ON "bookings" ("organization_id", "trip_id", "supplier_offer_id") WHERE "status" NOT IN ('rejected', 'failed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_bookings_idempotency" ON "bookings" ("organization_id", "booker_id", "idempotency_key") `,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_1b3f0fcfa5c68dffbfd47cbb103" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_45fa98a28a6944e39d8a5754bd1" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_c3054b6f946acfbbc938ec6839a" FOREIGN KEY ("booker_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "FK_16bcc4a73513059800eac76e059" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_16bcc4a73513059800eac76e059"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_c3054b6f946acfbbc938ec6839a"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_45fa98a28a6944e39d8a5754bd1"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "FK_1b3f0fcfa5c68dffbfd47cbb103"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bookings_idempotency"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bookings_live_offer"`);
    await queryRunner.query(`DROP INDEX "public"."uq_bookings_supplier_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bookings_org_trip"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bookings_org_created"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bookings_ordering"`);
    await queryRunner.query(`DROP TABLE "bookings"`);
    await queryRunner.query(`DROP TYPE "public"."booking_status"`);
  }
}
