import { MigrationInterface, QueryRunner } from 'typeorm';

export class TripsAndActivities1795872304758 implements MigrationInterface {
  name = 'TripsAndActivities1795872304758';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."trip_status" AS ENUM('draft', 'submitted', 'approved', 'rejected', 'booked', 'completed', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "trips" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "traveller_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "purpose" text, "destination" character varying(200) NOT NULL, "destination_country" character varying(100), "timezone" character varying(64), "latitude" double precision, "longitude" double precision, "start_date" date NOT NULL, "end_date" date NOT NULL, "budget_amount" numeric(12,2), "budget_currency" character(3), "status" "public"."trip_status" NOT NULL DEFAULT 'draft', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_trips_dates" CHECK ("end_date" >= "start_date"), CONSTRAINT "PK_f71c231dee9c05a9522f9e840f5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_trips_org_status_start" ON "trips" ("organization_id", "status", "start_date", "id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_trips_org_traveller_start" ON "trips" ("organization_id", "traveller_id", "start_date", "id") `,
    );
    await queryRunner.query(`CREATE INDEX "idx_trips_org_start" ON "trips" ("organization_id", "start_date", "id") `);
    await queryRunner.query(`CREATE INDEX "idx_trips_user_org" ON "trips" ("traveller_id", "organization_id") `);
    await queryRunner.query(
      `CREATE TABLE "activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "type" character varying(16) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE, "timezone" character varying(64) NOT NULL, "location_name" character varying(200), "latitude" double precision, "longitude" double precision, "notes" text, "cost_amount" numeric(12,2), "cost_currency" character(3), "booking_reference" character varying(100), "position" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_activities_trip_id" ON "activities" ("trip_id", "position") `);
    await queryRunner.query(
      `CREATE TABLE "audit_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "action" character varying(64) NOT NULL, "entity_type" character varying(32) NOT NULL, "entity_id" uuid NOT NULL, "data" jsonb NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_910f64d901a5c3e9878f0d4a407" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_events_entity" ON "audit_events" ("organization_id", "entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_audit_events_org_time" ON "audit_events" ("organization_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "calendar_feeds" ("user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_df53b5f17d35a6bac0fb13e16ad" UNIQUE ("token_hash"), CONSTRAINT "PK_3212ce9ff23847e66347a6730d3" PRIMARY KEY ("user_id"))`,
    );
    // Hand-written (TypeORM cannot express these): trigram indexes for `q` on title/destination,
    // and the audit log made append-only in the database itself.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE INDEX "idx_trips_title_trgm" ON "trips" USING gin ("title" gin_trgm_ops)`);
    await queryRunner.query(
      `CREATE INDEX "idx_trips_destination_trgm" ON "trips" USING gin ("destination" gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE FUNCTION "audit_events_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_events_append_only" BEFORE UPDATE OR DELETE ON "audit_events" FOR EACH ROW EXECUTE FUNCTION "audit_events_append_only"()`,
    );
    await queryRunner.query(
      `ALTER TABLE "trips" ADD CONSTRAINT "FK_15fdd7323bb78f9c4464a02782f" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trips" ADD CONSTRAINT "FK_641f12218de1b7e15437de777ad" FOREIGN KEY ("traveller_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "activities" ADD CONSTRAINT "FK_e5cb406a82ada9e540a17d91055" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "audit_events" ADD CONSTRAINT "FK_6510e4bf7423cd3d750e8c2ae81" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "calendar_feeds" ADD CONSTRAINT "FK_3212ce9ff23847e66347a6730d3" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "calendar_feeds" DROP CONSTRAINT "FK_3212ce9ff23847e66347a6730d3"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP CONSTRAINT "FK_6510e4bf7423cd3d750e8c2ae81"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_e5cb406a82ada9e540a17d91055"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP CONSTRAINT "FK_641f12218de1b7e15437de777ad"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP CONSTRAINT "FK_15fdd7323bb78f9c4464a02782f"`);
    await queryRunner.query(`DROP TABLE "calendar_feeds"`);
    await queryRunner.query(`DROP TRIGGER "audit_events_append_only" ON "audit_events"`);
    await queryRunner.query(`DROP FUNCTION "audit_events_append_only"()`);
    await queryRunner.query(`DROP INDEX "public"."idx_trips_destination_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trips_title_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_events_org_time"`);
    await queryRunner.query(`DROP INDEX "public"."idx_audit_events_entity"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_activities_trip_id"`);
    await queryRunner.query(`DROP TABLE "activities"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trips_user_org"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trips_org_start"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trips_org_traveller_start"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trips_org_status_start"`);
    await queryRunner.query(`DROP TABLE "trips"`);
    await queryRunner.query(`DROP TYPE "public"."trip_status"`);
  }
}
