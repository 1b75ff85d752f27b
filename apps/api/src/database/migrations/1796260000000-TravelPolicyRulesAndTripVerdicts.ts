import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Travel policies gain the rules of issue 9 § 2 (docs/policy.md) and a version raised on every
 * change; `out_of_policy` replaces the boolean it is filled from (true → needs_approval, false →
 * allowed_with_reason). Trips store the verdict of their last submission and its policy version.
 */
/** policy/travel-policy.schema.ts's DEFAULT_REASON_CODES as of this migration (frozen here). */
const DEFAULT_REASON_CODES = [
  { code: 'no_cheaper_option', label: 'No cheaper option available' },
  { code: 'client_requirement', label: 'Client requirement' },
  { code: 'schedule', label: 'Schedule or meeting times' },
];

export class TravelPolicyRulesAndTripVerdicts1796260000000 implements MigrationInterface {
  name = 'TravelPolicyRulesAndTripVerdicts1796260000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "version" integer NOT NULL DEFAULT '1'`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "cabin_rules" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "city_nightly_caps" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "preferred_airlines" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "blocked_airlines" text array NOT NULL DEFAULT '{}'`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "max_connections" integer`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "max_flight_co2_kg" integer`);
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "expense_caps" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "travel_policies" ADD "out_of_policy" character varying(32) NOT NULL DEFAULT 'needs_approval'`,
    );
    await queryRunner.query(`ALTER TABLE "travel_policies" ADD "reason_codes" jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(
      `ALTER TABLE "travel_policies" ADD "auto_approve_in_policy" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `UPDATE "travel_policies" SET "out_of_policy" = CASE WHEN "out_of_policy_requires_approval" THEN 'needs_approval' ELSE 'allowed_with_reason' END, "reason_codes" = $1::jsonb`,
      [JSON.stringify(DEFAULT_REASON_CODES)],
    );
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "out_of_policy_requires_approval"`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "policy_verdict" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "policy_version" integer`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "policy_reasons" jsonb`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "policy_reason_code" character varying(40)`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "policy_checked_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "policy_checked_at"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "policy_reason_code"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "policy_reasons"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "policy_version"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "policy_verdict"`);
    await queryRunner.query(
      `ALTER TABLE "travel_policies" ADD "out_of_policy_requires_approval" boolean NOT NULL DEFAULT true`,
    );
    await queryRunner.query(
      `UPDATE "travel_policies" SET "out_of_policy_requires_approval" = ("out_of_policy" = 'needs_approval')`,
    );
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "auto_approve_in_policy"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "reason_codes"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "out_of_policy"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "expense_caps"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "max_flight_co2_kg"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "max_connections"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "blocked_airlines"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "preferred_airlines"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "city_nightly_caps"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "cabin_rules"`);
    await queryRunner.query(`ALTER TABLE "travel_policies" DROP COLUMN "version"`);
  }
}
