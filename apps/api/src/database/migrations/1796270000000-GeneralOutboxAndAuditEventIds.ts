import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The e-mail outbox becomes the outbox of all deferred work (issue 9 § 1): a row is an e-mail
 * (topic `mail`, as every existing row) or one domain event for one handler (`event_id`, `payload`).
 * Audit rows written from events carry the event id, so a redelivered event records nothing twice.
 */
export class GeneralOutboxAndAuditEventIds1796270000000 implements MigrationInterface {
  name = 'GeneralOutboxAndAuditEventIds1796270000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_events" ADD "event_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "topic" character varying(64) NOT NULL DEFAULT 'mail'`);
    await queryRunner.query(
      `ALTER TABLE "outbox_messages" ADD "handler" character varying(64) NOT NULL DEFAULT 'mail.transport'`,
    );
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "event_id" uuid`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "payload" jsonb`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "to" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "subject" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "text" DROP NOT NULL`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_audit_events_event" ON "audit_events" ("event_id") WHERE "event_id" IS NOT NULL`,
    );
    // The admin outbox lists e-mail only.
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_org"`);
    await queryRunner.query(
      `CREATE INDEX "idx_outbox_org" ON "outbox_messages" ("organization_id", "created_at") WHERE "topic" = 'mail'`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_outbox_event_handler" ON "outbox_messages" ("event_id", "handler") WHERE "event_id" IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "outbox_messages" ADD CONSTRAINT "chk_outbox_kind" CHECK (("topic" = 'mail') = ("event_id" IS NULL AND "to" IS NOT NULL AND "subject" IS NOT NULL AND "text" IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP CONSTRAINT "chk_outbox_kind"`);
    await queryRunner.query(`DROP INDEX "public"."uq_outbox_event_handler"`);
    await queryRunner.query(`DROP INDEX "public"."uq_audit_events_event"`);
    await queryRunner.query(`DELETE FROM "outbox_messages" WHERE "topic" <> 'mail'`);
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_org"`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_org" ON "outbox_messages" ("organization_id", "created_at")`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "text" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "subject" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" ALTER COLUMN "to" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "payload"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "event_id"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "handler"`);
    await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "topic"`);
    await queryRunner.query(`ALTER TABLE "audit_events" DROP COLUMN "event_id"`);
  }
}
