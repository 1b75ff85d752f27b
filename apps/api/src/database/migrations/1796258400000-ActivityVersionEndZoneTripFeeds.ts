import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Activities: a version for optimistic concurrency and an optional end zone (flights). Calendar
 * feeds: a seed from which the API derives the same secret address again, and per-trip feeds.
 */
export class ActivityVersionEndZoneTripFeeds1796258400000 implements MigrationInterface {
  name = 'ActivityVersionEndZoneTripFeeds1796258400000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "activities" ADD "end_timezone" character varying(64)`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" ADD "token_seed" character varying(64)`);
    await queryRunner.query(
      `CREATE TABLE "trip_calendar_feeds" ("organization_id" uuid NOT NULL, "token_hash" character varying(64) NOT NULL, "token_seed" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "user_id" uuid NOT NULL, "trip_id" uuid NOT NULL, CONSTRAINT "UQ_546ba88b4208501da14ba984568" UNIQUE ("token_hash"), CONSTRAINT "PK_02439409223cb4cbe28719cebbe" PRIMARY KEY ("user_id", "trip_id"))`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_calendar_feeds" ADD CONSTRAINT "FK_d94ccacd6d8ebedaa381149b707" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_calendar_feeds" ADD CONSTRAINT "FK_a29b50822cef67ee9b8ab7bc630" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trip_calendar_feeds" DROP CONSTRAINT "FK_a29b50822cef67ee9b8ab7bc630"`);
    await queryRunner.query(`ALTER TABLE "trip_calendar_feeds" DROP CONSTRAINT "FK_d94ccacd6d8ebedaa381149b707"`);
    await queryRunner.query(`DROP TABLE "trip_calendar_feeds"`);
    await queryRunner.query(`ALTER TABLE "calendar_feeds" DROP COLUMN "token_seed"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "version"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "end_timezone"`);
  }
}
