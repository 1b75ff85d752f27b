import { MigrationInterface, QueryRunner } from 'typeorm';

/** Approve-from-the-e-mail links of bookings waiting for approval: hashed tokens, one approver each, expiring, single-use (S29). */
export class BookingApprovalLinks1796330000200 implements MigrationInterface {
  name = 'BookingApprovalLinks1796330000200';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "booking_approval_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "booking_id" uuid NOT NULL, "approver_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_748063254e64486bc4240a6d749" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_booking_approval_links_org_booking" ON "booking_approval_links" ("organization_id", "booking_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_booking_approval_links_token" ON "booking_approval_links" ("token_hash") `,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_approval_links" ADD CONSTRAINT "FK_4a067d9aae0311d1e6f88ba891a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_approval_links" ADD CONSTRAINT "FK_292a9203d94cdba07200c43d7d1" FOREIGN KEY ("booking_id") REFERENCES "bookings"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "booking_approval_links" ADD CONSTRAINT "FK_38c53d08d6b94a7ea99de8c012e" FOREIGN KEY ("approver_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "booking_approval_links" DROP CONSTRAINT "FK_38c53d08d6b94a7ea99de8c012e"`);
    await queryRunner.query(`ALTER TABLE "booking_approval_links" DROP CONSTRAINT "FK_292a9203d94cdba07200c43d7d1"`);
    await queryRunner.query(`ALTER TABLE "booking_approval_links" DROP CONSTRAINT "FK_4a067d9aae0311d1e6f88ba891a"`);
    await queryRunner.query(`DROP INDEX "public"."uq_booking_approval_links_token"`);
    await queryRunner.query(`DROP INDEX "public"."idx_booking_approval_links_org_booking"`);
    await queryRunner.query(`DROP TABLE "booking_approval_links"`);
  }
}
