import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The sandbox stay supplier's bookings and cancellations (issue 11, docs/stays.md § The sandbox):
 * kept in PostgreSQL so every worker and every restart sees the same bookings, as a real supplier's are.
 */
export class SandboxStayBookings1796340000000 implements MigrationInterface {
  name = 'SandboxStayBookings1796340000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "sandbox_stay_bookings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "booking_id" character varying(100) NOT NULL, "quote_id" text NOT NULL, "reference" character varying(12) NOT NULL, "property" jsonb NOT NULL, "room_name" text NOT NULL, "board" character varying(20) NOT NULL, "check_in_date" date NOT NULL, "check_out_date" date NOT NULL, "rooms" smallint NOT NULL, "guests" smallint NOT NULL, "total_amount" numeric(12,2) NOT NULL, "total_currency" character(3) NOT NULL, "cancellation" jsonb NOT NULL, "refund_amount" numeric(12,2), "cancelled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_sandbox_stay_bookings_reference" UNIQUE ("reference"), CONSTRAINT "PK_sandbox_stay_bookings" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_sandbox_stay_bookings_booking_id" ON "sandbox_stay_bookings" ("booking_id") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_sandbox_stay_bookings_booking_id"`);
    await queryRunner.query(`DROP TABLE "sandbox_stay_bookings"`);
  }
}
