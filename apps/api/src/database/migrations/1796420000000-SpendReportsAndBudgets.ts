import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Spend and CO2 reports and budgets (issue 11, docs/reports.md): trips name a cost centre; bookings
 * record the organization's reporting currency, the rate into it and the offer's CO2e; index-only
 * report scans; cost-centre budgets and the alerts they have sent.
 */
export class SpendReportsAndBudgets1796420000000 implements MigrationInterface {
  name = 'SpendReportsAndBudgets1796420000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trips" ADD "cost_centre" character varying(60)`);
    await queryRunner.query(
      `ALTER TABLE "bookings" ADD "report_currency" character(3), ADD "report_rate" numeric(24,12), ADD "emissions_kg" integer`,
    );
    // Earlier bookings: their CO2 from the stored offer; a rate only where no conversion was needed.
    await queryRunner.query(
      `UPDATE "bookings" b SET "emissions_kg" = round(("offer"->>'totalEmissionsKg')::numeric)::integer,
         "report_currency" = CASE WHEN p."currency" = b."total_currency" THEN p."currency" END,
         "report_rate" = CASE WHEN p."currency" = b."total_currency" THEN 1 END
         FROM "travel_policies" p WHERE p."organization_id" = b."organization_id"`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bookings_report_confirmed" ON "bookings" ("organization_id", "confirmed_at") INCLUDE ("total_amount", "report_rate", "report_currency", "emissions_kg") WHERE "confirmed_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_bookings_report_cancelled" ON "bookings" ("organization_id", "cancelled_at") INCLUDE ("refund_amount", "report_rate", "report_currency", "confirmed_at", "emissions_kg") WHERE "cancelled_at" IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "cost_centre_budgets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "cost_centre" character varying(60) NOT NULL, "year" smallint NOT NULL, "amount" numeric(12,2) NOT NULL, "currency" character(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cost_centre_budgets" PRIMARY KEY ("id"), CONSTRAINT "FK_266298d4fbcf4cc6d002e6a4e32" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_cost_centre_budgets" ON "cost_centre_budgets" ("organization_id", "cost_centre", "year") `,
    );
    await queryRunner.query(
      `CREATE TABLE "budget_alerts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "scope" character varying(20) NOT NULL, "budget_id" uuid NOT NULL, "threshold" smallint NOT NULL, "spent_amount" numeric(14,2) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_budget_alerts" PRIMARY KEY ("id"), CONSTRAINT "FK_677536cc8548a93f1abde1bbe15" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_budget_alerts" ON "budget_alerts" ("organization_id", "scope", "budget_id", "threshold") `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "budget_alerts"`);
    await queryRunner.query(`DROP TABLE "cost_centre_budgets"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bookings_report_cancelled"`);
    await queryRunner.query(`DROP INDEX "public"."idx_bookings_report_confirmed"`);
    await queryRunner.query(
      `ALTER TABLE "bookings" DROP COLUMN "emissions_kg", DROP COLUMN "report_rate", DROP COLUMN "report_currency"`,
    );
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "cost_centre"`);
  }
}
