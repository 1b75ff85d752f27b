import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The AI assistant's accounting (issue 12, docs/ai.md § Usage and budget): one row per model call, and
 * each organization's monthly token budget and requests-per-minute limit.
 */
export class AiUsageAndSettings1796400000000 implements MigrationInterface {
  name = 'AiUsageAndSettings1796400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "ai_settings" ("organization_id" uuid NOT NULL, "monthly_token_budget" bigint, "requests_per_minute" integer NOT NULL DEFAULT '60', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ac03e9a993720d88290f8486a73" PRIMARY KEY ("organization_id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "ai_usage" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "feature" character varying(32) NOT NULL, "model" character varying(200) NOT NULL, "input_tokens" integer NOT NULL, "output_tokens" integer NOT NULL, "latency_ms" integer NOT NULL, "outcome" character varying(20) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_ai_usage_tokens" CHECK ("input_tokens" >= 0 AND "output_tokens" >= 0), CONSTRAINT "PK_3dddab3a15520a9c3eba859195d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_ai_usage_org_created" ON "ai_usage" ("organization_id", "created_at") `);
    await queryRunner.query(
      `ALTER TABLE "ai_settings" ADD CONSTRAINT "FK_ac03e9a993720d88290f8486a73" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ai_usage" ADD CONSTRAINT "FK_d79fd7fc104b4dc04a125009c7a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "ai_usage" ADD CONSTRAINT "FK_1b342fd5b20e5ffca652770404d" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ai_usage" DROP CONSTRAINT "FK_1b342fd5b20e5ffca652770404d"`);
    await queryRunner.query(`ALTER TABLE "ai_usage" DROP CONSTRAINT "FK_d79fd7fc104b4dc04a125009c7a"`);
    await queryRunner.query(`ALTER TABLE "ai_settings" DROP CONSTRAINT "FK_ac03e9a993720d88290f8486a73"`);
    await queryRunner.query(`DROP INDEX "public"."idx_ai_usage_org_created"`);
    await queryRunner.query(`DROP TABLE "ai_usage"`);
    await queryRunner.query(`DROP TABLE "ai_settings"`);
  }
}
