import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, stays (docs/stays.md): stored stay searches and their judged rates, and bookings of a
 * kind — a flight keeps its offer, a stay its quote, rate and supplier booking (`stay`).
 */
export class StaySearchesAndStayBookings1796410000000 implements MigrationInterface {
  name = 'StaySearchesAndStayBookings1796410000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "stay_searches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "searched_by_id" uuid NOT NULL, "supplier" character varying(20) NOT NULL, "where" jsonb NOT NULL, "check_in_date" date NOT NULL, "check_out_date" date NOT NULL, "rooms" smallint NOT NULL, "guests" smallint NOT NULL, "policy_version" integer NOT NULL, "policy_currency" character(3) NOT NULL, "property_count" integer NOT NULL, "rate_count" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_486042d5b994f1687dd3786c56b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_stay_searches_org_trip_created" ON "stay_searches" ("organization_id", "trip_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "stay_rates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "search_id" uuid NOT NULL, "supplier_rate_id" character varying(200) NOT NULL, "property" jsonb NOT NULL, "rate" jsonb NOT NULL, "total_amount" numeric(12,2) NOT NULL, "total_currency" character(3) NOT NULL, "policy_amount" numeric(12,2) NOT NULL, "nightly_policy_amount" numeric(12,2) NOT NULL, "stars" smallint, "distance_km" real, "verdict" character varying(20) NOT NULL, "reasons" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_stay_rates_verdict" CHECK ("verdict" IN ('in_policy', 'needs_approval', 'blocked')), CONSTRAINT "PK_b115c099cabdf052574fdeffd5f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_stay_rates_search_supplier_rate" ON "stay_rates" ("search_id", "supplier_rate_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_stay_rates_org_search_price" ON "stay_rates" ("organization_id", "search_id", "policy_amount", "id") `,
    );
    await queryRunner.query(`ALTER TABLE "bookings" ADD "kind" character varying(10) NOT NULL DEFAULT 'flight'`);
    await queryRunner.query(`ALTER TABLE "bookings" ADD "stay" jsonb`);
    await queryRunner.query(`ALTER TABLE "bookings" ALTER COLUMN "offer" DROP NOT NULL`);
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD CONSTRAINT "chk_bookings_kind" CHECK (("kind" = 'flight') = ("offer" IS NOT NULL) AND ("kind" = 'stay') = ("stay" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "stay_searches" ADD CONSTRAINT "FK_2214f054888c5fcf39d3e728d8f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stay_searches" ADD CONSTRAINT "FK_b5559e004dfb7efe515d72ea294" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stay_searches" ADD CONSTRAINT "FK_729e104ab06bd0242268e782461" FOREIGN KEY ("searched_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stay_rates" ADD CONSTRAINT "FK_7c7ed701706828ea4ad1d8bf0ce" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "stay_rates" ADD CONSTRAINT "FK_579912e3790b6759a1502d85ca5" FOREIGN KEY ("search_id") REFERENCES "stay_searches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "stay_rates" DROP CONSTRAINT "FK_579912e3790b6759a1502d85ca5"`);
    await queryRunner.query(`ALTER TABLE "stay_rates" DROP CONSTRAINT "FK_7c7ed701706828ea4ad1d8bf0ce"`);
    await queryRunner.query(`ALTER TABLE "stay_searches" DROP CONSTRAINT "FK_729e104ab06bd0242268e782461"`);
    await queryRunner.query(`ALTER TABLE "stay_searches" DROP CONSTRAINT "FK_b5559e004dfb7efe515d72ea294"`);
    await queryRunner.query(`ALTER TABLE "stay_searches" DROP CONSTRAINT "FK_2214f054888c5fcf39d3e728d8f"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP CONSTRAINT "chk_bookings_kind"`);
    await queryRunner.query(`ALTER TABLE "bookings" ALTER COLUMN "offer" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "stay"`);
    await queryRunner.query(`ALTER TABLE "bookings" DROP COLUMN "kind"`);
    await queryRunner.query(`DROP INDEX "public"."idx_stay_rates_org_search_price"`);
    await queryRunner.query(`DROP INDEX "public"."idx_stay_rates_search_supplier_rate"`);
    await queryRunner.query(`DROP TABLE "stay_rates"`);
    await queryRunner.query(`DROP INDEX "public"."idx_stay_searches_org_trip_created"`);
    await queryRunner.query(`DROP TABLE "stay_searches"`);
  }
}
