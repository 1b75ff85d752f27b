import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flight searches made for trips and their offers, each with its policy verdict (issue 10, docs/booking.md
 * § Flight search and policy verdicts): organization-scoped, read by search, sorted by price in the
 * policy's currency; kept after they expire, for audit.
 */
export class FlightSearchesAndOffers1796310000000 implements MigrationInterface {
  name = 'FlightSearchesAndOffers1796310000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "flight_searches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "searched_by_id" uuid NOT NULL, "supplier" character varying(20) NOT NULL, "supplier_search_id" character varying(200) NOT NULL, "slices" jsonb NOT NULL, "passengers" smallint NOT NULL, "cabin" character varying(20) NOT NULL, "max_connections" smallint, "policy_version" integer NOT NULL, "policy_currency" character(3) NOT NULL, "offer_count" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9542fbc4b11f129d703f35cdc5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_flight_searches_org_trip_created" ON "flight_searches" ("organization_id", "trip_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "flight_offers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "search_id" uuid NOT NULL, "supplier_offer_id" character varying(200) NOT NULL, "offer" jsonb NOT NULL, "total_amount" numeric(12,2) NOT NULL, "total_currency" character(3) NOT NULL, "policy_amount" numeric(12,2) NOT NULL, "emissions_kg" integer, "duration_minutes" integer NOT NULL, "stops" smallint NOT NULL, "carriers" character varying(3) array NOT NULL, "verdict" character varying(20) NOT NULL, "reasons" jsonb NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_flight_offers_verdict" CHECK ("verdict" IN ('in_policy', 'needs_approval', 'blocked')), CONSTRAINT "PK_9100a6c5f9878eddf90100572d3" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_flight_offers_search_supplier_offer" ON "flight_offers" ("search_id", "supplier_offer_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_flight_offers_org_search_price" ON "flight_offers" ("organization_id", "search_id", "policy_amount", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "flight_searches" ADD CONSTRAINT "FK_734cae1c6f2f245b3d5d0b963c0" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flight_searches" ADD CONSTRAINT "FK_384167c67c260244974d6ee2b19" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flight_searches" ADD CONSTRAINT "FK_19796e67529e6bf6265516e42e2" FOREIGN KEY ("searched_by_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flight_offers" ADD CONSTRAINT "FK_8502ce6e67a0750b6c8a3d2309f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "flight_offers" ADD CONSTRAINT "FK_889c3926803489e438f5cc61264" FOREIGN KEY ("search_id") REFERENCES "flight_searches"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "flight_offers" DROP CONSTRAINT "FK_889c3926803489e438f5cc61264"`);
    await queryRunner.query(`ALTER TABLE "flight_offers" DROP CONSTRAINT "FK_8502ce6e67a0750b6c8a3d2309f"`);
    await queryRunner.query(`ALTER TABLE "flight_searches" DROP CONSTRAINT "FK_19796e67529e6bf6265516e42e2"`);
    await queryRunner.query(`ALTER TABLE "flight_searches" DROP CONSTRAINT "FK_384167c67c260244974d6ee2b19"`);
    await queryRunner.query(`ALTER TABLE "flight_searches" DROP CONSTRAINT "FK_734cae1c6f2f245b3d5d0b963c0"`);
    await queryRunner.query(`DROP INDEX "public"."idx_flight_offers_org_search_price"`);
    await queryRunner.query(`DROP INDEX "public"."idx_flight_offers_search_supplier_offer"`);
    await queryRunner.query(`DROP TABLE "flight_offers"`);
    await queryRunner.query(`DROP INDEX "public"."idx_flight_searches_org_trip_created"`);
    await queryRunner.query(`DROP TABLE "flight_searches"`);
  }
}
