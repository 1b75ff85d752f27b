import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 10 (docs/booking.md § Travellers and passenger profiles): a trip's co-travellers beside its
 * lead, and each person's passenger profile, whose date of birth and document number are stored
 * encrypted by the application (AES-256-GCM; the columns never hold the values).
 */
export class TripTravellersAndPassengerProfiles1796320000000 implements MigrationInterface {
  name = 'TripTravellersAndPassengerProfiles1796320000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "passenger_profiles" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "given_name" character varying(60) NOT NULL, "family_name" character varying(60) NOT NULL, "born_on_encrypted" text NOT NULL, "gender" character varying(1) NOT NULL, "title" character varying(4) NOT NULL, "email" character varying(254) NOT NULL, "phone_number" character varying(16) NOT NULL, "loyalty_programmes" jsonb NOT NULL DEFAULT '[]', "document_number_encrypted" text, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_passenger_profiles_title" CHECK ("title" IN ('mr', 'ms', 'mrs', 'miss', 'dr')), CONSTRAINT "chk_passenger_profiles_gender" CHECK ("gender" IN ('m', 'f')), CONSTRAINT "PK_70936a0d464b476507cf4f2889e" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_passenger_profiles_user" ON "passenger_profiles" ("user_id") `);
    await queryRunner.query(
      `CREATE TABLE "trip_travellers" ("trip_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organization_id" uuid NOT NULL, "position" smallint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8820f0fdbf58d42c68f0728b637" PRIMARY KEY ("trip_id", "user_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_trip_travellers_org_user" ON "trip_travellers" ("organization_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "passenger_profiles" ADD CONSTRAINT "FK_b571aa413b0a04c18c1fd9f7d23" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "passenger_profiles" ADD CONSTRAINT "FK_e933808e9e0d6852ce36293bdc1" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_travellers" ADD CONSTRAINT "FK_0cdaacfb7a6a8fb41e09e460ec5" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_travellers" ADD CONSTRAINT "FK_99eb985280d078a09c263d6d584" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_travellers" ADD CONSTRAINT "FK_07ab410f2ee3801fb09c75b1f46" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trip_travellers" DROP CONSTRAINT "FK_07ab410f2ee3801fb09c75b1f46"`);
    await queryRunner.query(`ALTER TABLE "trip_travellers" DROP CONSTRAINT "FK_99eb985280d078a09c263d6d584"`);
    await queryRunner.query(`ALTER TABLE "trip_travellers" DROP CONSTRAINT "FK_0cdaacfb7a6a8fb41e09e460ec5"`);
    await queryRunner.query(`ALTER TABLE "passenger_profiles" DROP CONSTRAINT "FK_e933808e9e0d6852ce36293bdc1"`);
    await queryRunner.query(`ALTER TABLE "passenger_profiles" DROP CONSTRAINT "FK_b571aa413b0a04c18c1fd9f7d23"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trip_travellers_org_user"`);
    await queryRunner.query(`DROP TABLE "trip_travellers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_passenger_profiles_user"`);
    await queryRunner.query(`DROP TABLE "passenger_profiles"`);
  }
}
