import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every step up to this migration as the audit log recorded it, or as the outbox still holds it for
 * the audit recorder (an event not yet delivered when the migration runs; outbox rows are kept).
 */
const RECORDED_STEPS = `
  SELECT organization_id, entity_id AS trip_id, action, actor_id, data, created_at
    FROM audit_events
   WHERE entity_type = 'trip' AND action IN ('trip.submitted', 'trip.approved', 'trip.rejected')
  UNION ALL
  SELECT organization_id, (payload #>> '{data,tripId}')::uuid, topic, (payload #>> '{actor,id}')::uuid, payload -> 'data', created_at
    FROM outbox_messages
   WHERE handler = 'audit.recorder' AND topic IN ('trip.submitted', 'trip.approved', 'trip.rejected')`;

/**
 * A trip's last submission and last decision move onto the trip row, written by the step in its
 * transaction: the audit log is filled by the outbox after the commit, so a read right after an
 * approval could miss it (docs/events.md). Existing trips are backfilled from what was recorded.
 */
export class TripDecisionOnTrip1796280000000 implements MigrationInterface {
  name = 'TripDecisionOnTrip1796280000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trips" ADD "submitted_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "decision_outcome" character varying(8)`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "decision_reason" text`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "decided_by_id" uuid`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "decided_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "trips" ADD "decision_automatic" boolean NOT NULL DEFAULT false`);
    await backfillTripDecisions(queryRunner);
    await queryRunner.query(
      `ALTER TABLE "trips" ADD CONSTRAINT "chk_trips_decision" CHECK ("decision_outcome" IS NULL OR ("decision_outcome" IN ('approved', 'rejected') AND "decided_at" IS NOT NULL AND "decided_by_id" IS NOT NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "trips" ADD CONSTRAINT "FK_b4b5f0a8f947e6415b81220ee30" FOREIGN KEY ("decided_by_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "trips" DROP CONSTRAINT "FK_b4b5f0a8f947e6415b81220ee30"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP CONSTRAINT "chk_trips_decision"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "decision_automatic"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "decided_at"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "decided_by_id"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "decision_reason"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "decision_outcome"`);
    await queryRunner.query(`ALTER TABLE "trips" DROP COLUMN "submitted_at"`);
  }
}

/**
 * Sets every trip's `submitted_at` and decision from the recorded steps, by the rule the read used
 * before: the latest `trip.submitted`, the latest approval or rejection. Exported for its e2e test.
 */
export async function backfillTripDecisions(db: { query(sql: string): Promise<unknown> }): Promise<void> {
  await db.query(
    `UPDATE trips t SET submitted_at = s.created_at
       FROM (SELECT DISTINCT ON (trip_id) trip_id, organization_id, created_at FROM (${RECORDED_STEPS}) steps
              WHERE action = 'trip.submitted' ORDER BY trip_id, created_at DESC) s
      WHERE t.id = s.trip_id AND t.organization_id = s.organization_id`,
  );
  // A decider who no longer exists (users are deactivated, not deleted) leaves the decision out rather than break the foreign key.
  await db.query(
    `UPDATE trips t
        SET decision_outcome = CASE d.action WHEN 'trip.approved' THEN 'approved' ELSE 'rejected' END,
            decision_reason = CASE WHEN jsonb_typeof(d.data -> 'reason') = 'string' THEN d.data ->> 'reason' END,
            decided_by_id = d.actor_id,
            decided_at = d.created_at,
            decision_automatic = COALESCE(d.data -> 'automatic' = 'true'::jsonb, false)
       FROM (SELECT DISTINCT ON (trip_id) * FROM (${RECORDED_STEPS}) steps
              WHERE action IN ('trip.approved', 'trip.rejected') ORDER BY trip_id, created_at DESC) d
       JOIN users u ON u.id = d.actor_id AND u.organization_id = d.organization_id
      WHERE t.id = d.trip_id AND t.organization_id = d.organization_id`,
  );
}
