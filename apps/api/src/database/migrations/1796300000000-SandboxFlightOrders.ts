import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sandbox flight supplier's orders and cancellations (issue 10, docs/booking.md § Suppliers): kept
 * in PostgreSQL so every worker and every restart sees the same orders, as a real supplier's are.
 */
export class SandboxFlightOrders1796300000000 implements MigrationInterface {
  name = 'SandboxFlightOrders1796300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sandbox_flight_orders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "booking_id" character varying(100) NOT NULL, "offer_id" text NOT NULL, "booking_reference" character varying(12) NOT NULL, "total_amount" numeric(12,2) NOT NULL, "total_currency" character(3) NOT NULL, "passenger_count" smallint NOT NULL, "slices" jsonb NOT NULL, "conditions" jsonb NOT NULL, "cancellation_id" character varying(60), "refund_amount" numeric(12,2), "cancellation_expires_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_b72129a8e9995888ac39cacc325" UNIQUE ("booking_reference"), CONSTRAINT "PK_1b88288af8786be2dd7adc1a406" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_sandbox_flight_orders_booking_id" ON "sandbox_flight_orders" ("booking_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_sandbox_flight_orders_cancellation_id" ON "sandbox_flight_orders" ("cancellation_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_sandbox_flight_orders_cancellation_id"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sandbox_flight_orders_booking_id"`);
    await queryRunner.query(`DROP TABLE "sandbox_flight_orders"`);
  }
}
