import { MigrationInterface, QueryRunner } from 'typeorm';

/** The ECB snapshot of 2026-03-13 as shipped with this migration (units per 1 EUR), for the backfill. */
const SNAPSHOT_DATE = '2026-03-13';
const SNAPSHOT = {
  EUR: '1',
  USD: '1.1476',
  JPY: '182.85',
  CZK: '24.437',
  DKK: '7.4726',
  GBP: '0.86503',
  HUF: '391.48',
  PLN: '4.2675',
  RON: '5.0947',
  SEK: '10.7545',
  CHF: '0.9034',
  ISK: '144.20',
  NOK: '11.1590',
  TRY: '50.7122',
  AUD: '1.6293',
  BRL: '6.0172',
  CAD: '1.5726',
  CNY: '7.9145',
  HKD: '8.9827',
  IDR: '19395.07',
  ILS: '3.5883',
  INR: '106.0205',
  KRW: '1711.87',
  MXN: '20.4517',
  MYR: '4.5198',
  NZD: '1.9691',
  PHP: '68.301',
  SGD: '1.4685',
  THB: '36.953',
  ZAR: '19.2754',
};

/**
 * Exchange rates per organization, and the rate recorded with each activity's cost (issue 7 §5).
 * Existing costs of budgeted trips get their rate: 1 in the budget currency, else the snapshot's
 * cross rate; a currency the snapshot lacks stays unconverted until an admin records a rate and
 * the budget is set again.
 */
export class ExchangeRates1796230000000 implements MigrationInterface {
  name = 'ExchangeRates1796230000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "exchange_rates" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "currency" character(3) NOT NULL, "rate" numeric(24,12) NOT NULL, "rate_date" date NOT NULL, "source" character varying(200) NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33a614bad9e61956079d817ebe2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "idx_exchange_rates_org_currency" ON "exchange_rates" ("organization_id", "currency") `,
    );
    await queryRunner.query(`ALTER TABLE "activities" ADD "cost_rate" numeric(24,12)`);
    await queryRunner.query(`ALTER TABLE "activities" ADD "cost_rate_date" date`);
    await queryRunner.query(
      `ALTER TABLE "exchange_rates" ADD CONSTRAINT "FK_bdd061e0aa477ceda64837f473b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `WITH rates AS (SELECT key AS currency, value::numeric AS rate FROM jsonb_each_text($1::jsonb))
       UPDATE "activities" AS a
          SET "cost_rate" = CASE WHEN a."cost_currency" = t."budget_currency" THEN 1
                ELSE ROUND((SELECT rate FROM rates WHERE currency = t."budget_currency") / (SELECT rate FROM rates WHERE currency = a."cost_currency"), 12) END,
              "cost_rate_date" = CASE WHEN a."cost_currency" = t."budget_currency" THEN NULL ELSE $2::date END
         FROM "trips" AS t
        WHERE a."trip_id" = t."id" AND a."cost_amount" IS NOT NULL AND a."cost_rate" IS NULL AND t."budget_currency" IS NOT NULL
          AND (a."cost_currency" = t."budget_currency"
               OR (EXISTS (SELECT 1 FROM rates WHERE currency = t."budget_currency") AND EXISTS (SELECT 1 FROM rates WHERE currency = a."cost_currency")))`,
      [JSON.stringify(SNAPSHOT), SNAPSHOT_DATE],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exchange_rates" DROP CONSTRAINT "FK_bdd061e0aa477ceda64837f473b"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "cost_rate_date"`);
    await queryRunner.query(`ALTER TABLE "activities" DROP COLUMN "cost_rate"`);
    await queryRunner.query(`DROP INDEX "public"."idx_exchange_rates_org_currency"`);
    await queryRunner.query(`DROP TABLE "exchange_rates"`);
  }
}
