import { MigrationInterface, QueryRunner } from 'typeorm';

/** The reconciler's scan for bookings waiting for approval whose offer has expired. */
export class PendingBookingsIndex1796330000300 implements MigrationInterface {
  name = 'PendingBookingsIndex1796330000300';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX "idx_bookings_pending" ON "bookings" ("created_at") WHERE "status" = 'pending_approval'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_bookings_pending"`);
  }
}
