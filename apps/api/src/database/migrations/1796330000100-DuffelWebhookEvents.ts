import { MigrationInterface, QueryRunner } from 'typeorm';

/** Duffel webhook events already handled, by Duffel's event id: a redelivery changes nothing (S17, R21). */
export class DuffelWebhookEvents1796330000100 implements MigrationInterface {
  name = 'DuffelWebhookEvents1796330000100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "duffel_webhook_events" ("id" character varying(100) NOT NULL, "type" character varying(80) NOT NULL, "outcome" character varying(40) NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f829a083a047d8b31bc0ee32527" PRIMARY KEY ("id"))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "duffel_webhook_events"`);
  }
}
