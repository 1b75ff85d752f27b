import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every authenticated request asks whether its session (refresh-token family) was revoked. */
export class RevokedSessionIndex1796221472807 implements MigrationInterface {
  name = 'RevokedSessionIndex1796221472807';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_refresh_tokens_revoked_family" ON "refresh_tokens" ("family_id") WHERE "revoked_at" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_refresh_tokens_revoked_family"`);
  }
}
