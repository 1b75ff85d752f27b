import { MigrationInterface, QueryRunner } from 'typeorm';

/** Trip collaborators, comments, checklist items, trip notes, share links and notifications (docs/collaboration.md). */
export class TripCollaboration1796440000000 implements MigrationInterface {
  name = 'TripCollaboration1796440000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trip_collaborators" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" character varying(8) NOT NULL, "added_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_trip_collaborators_trip_user" UNIQUE ("trip_id", "user_id"), CONSTRAINT "PK_5ff82ebd98e484f0663e92c7a7c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_trip_collaborators_org_user" ON "trip_collaborators" ("organization_id", "user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "comments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "activity_id" uuid, "author_id" uuid NOT NULL, "body" text NOT NULL, "mentioned_user_ids" uuid array NOT NULL DEFAULT '{}', "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8bf68bc960f2b69e818bdb90dcb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_comments_trip_created" ON "comments" ("trip_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "checklist_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "title" character varying(200) NOT NULL, "assignee_id" uuid, "due_date" date, "done" boolean NOT NULL DEFAULT false, "created_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bae00945a1d4789bd648e583e29" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "idx_checklist_items_trip" ON "checklist_items" ("trip_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "trip_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "body" text NOT NULL, "updated_by_id" uuid, "version" integer NOT NULL DEFAULT '1', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_trip_notes_trip" UNIQUE ("trip_id"), CONSTRAINT "REL_8d3d6f2b24b9249d23fa14a211" UNIQUE ("trip_id"), CONSTRAINT "PK_c724f47a5bc3485623284e2fec9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "share_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "trip_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_70320b79ecd8acab96419fcdd6d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_share_links_token" ON "share_links" ("token_hash") `);
    await queryRunner.query(`CREATE INDEX "idx_share_links_org_trip" ON "share_links" ("organization_id", "trip_id") `);
    await queryRunner.query(
      `CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organization_id" uuid NOT NULL, "user_id" uuid NOT NULL, "kind" character varying(32) NOT NULL, "title" character varying(300) NOT NULL, "link" character varying(300), "trip_id" uuid, "event_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "idx_notifications_user_created" ON "notifications" ("organization_id", "user_id", "created_at") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_notifications_event_user" ON "notifications" ("event_id", "user_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_collaborators" ADD CONSTRAINT "FK_90200ed76b22669d042205e97a6" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_collaborators" ADD CONSTRAINT "FK_5c5a3ade80a2e2b34950f60ae66" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_collaborators" ADD CONSTRAINT "FK_e1fdae8fa17770b30147f83202c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_collaborators" ADD CONSTRAINT "FK_5ac80c50f33ff208b9c31dcab3c" FOREIGN KEY ("added_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_a73bdb55794ec2e4c63cff1d631" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_4d192c51212f9c912fc804d3fe6" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_d24a9df9157121a0affe07e4bf6" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_e6d38899c31997c45d128a8973b" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checklist_items" ADD CONSTRAINT "FK_6b7fc3c27d5e5565ffec25089e9" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checklist_items" ADD CONSTRAINT "FK_2ed8c1f93a0d491b1aeaf4b4f98" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checklist_items" ADD CONSTRAINT "FK_caa101da413cc48d165b41596e7" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "checklist_items" ADD CONSTRAINT "FK_85568752912ddaf627f68e0550c" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_notes" ADD CONSTRAINT "FK_46c5b6a7c6be2399df627945c9a" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_notes" ADD CONSTRAINT "FK_8d3d6f2b24b9249d23fa14a2116" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "trip_notes" ADD CONSTRAINT "FK_2c439c0d6afd51191191a4630dc" FOREIGN KEY ("updated_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_links" ADD CONSTRAINT "FK_8882c46462886576237a21d2b4b" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_links" ADD CONSTRAINT "FK_661fad240ee179494ae85e74ed5" FOREIGN KEY ("trip_id") REFERENCES "trips"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "share_links" ADD CONSTRAINT "FK_e356d0e03d9b804f11b7f3391a8" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_cb7b1fb018b296f2107e998b2ff" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await queryRunner.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_cb7b1fb018b296f2107e998b2ff"`);
    await queryRunner.query(`ALTER TABLE "share_links" DROP CONSTRAINT "FK_e356d0e03d9b804f11b7f3391a8"`);
    await queryRunner.query(`ALTER TABLE "share_links" DROP CONSTRAINT "FK_661fad240ee179494ae85e74ed5"`);
    await queryRunner.query(`ALTER TABLE "share_links" DROP CONSTRAINT "FK_8882c46462886576237a21d2b4b"`);
    await queryRunner.query(`ALTER TABLE "trip_notes" DROP CONSTRAINT "FK_2c439c0d6afd51191191a4630dc"`);
    await queryRunner.query(`ALTER TABLE "trip_notes" DROP CONSTRAINT "FK_8d3d6f2b24b9249d23fa14a2116"`);
    await queryRunner.query(`ALTER TABLE "trip_notes" DROP CONSTRAINT "FK_46c5b6a7c6be2399df627945c9a"`);
    await queryRunner.query(`ALTER TABLE "checklist_items" DROP CONSTRAINT "FK_85568752912ddaf627f68e0550c"`);
    await queryRunner.query(`ALTER TABLE "checklist_items" DROP CONSTRAINT "FK_caa101da413cc48d165b41596e7"`);
    await queryRunner.query(`ALTER TABLE "checklist_items" DROP CONSTRAINT "FK_2ed8c1f93a0d491b1aeaf4b4f98"`);
    await queryRunner.query(`ALTER TABLE "checklist_items" DROP CONSTRAINT "FK_6b7fc3c27d5e5565ffec25089e9"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_e6d38899c31997c45d128a8973b"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_d24a9df9157121a0affe07e4bf6"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_4d192c51212f9c912fc804d3fe6"`);
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_a73bdb55794ec2e4c63cff1d631"`);
    await queryRunner.query(`ALTER TABLE "trip_collaborators" DROP CONSTRAINT "FK_5ac80c50f33ff208b9c31dcab3c"`);
    await queryRunner.query(`ALTER TABLE "trip_collaborators" DROP CONSTRAINT "FK_e1fdae8fa17770b30147f83202c"`);
    await queryRunner.query(`ALTER TABLE "trip_collaborators" DROP CONSTRAINT "FK_5c5a3ade80a2e2b34950f60ae66"`);
    await queryRunner.query(`ALTER TABLE "trip_collaborators" DROP CONSTRAINT "FK_90200ed76b22669d042205e97a6"`);
    await queryRunner.query(`DROP INDEX "public"."uq_notifications_event_user"`);
    await queryRunner.query(`DROP INDEX "public"."idx_notifications_user_created"`);
    await queryRunner.query(`DROP TABLE "notifications"`);
    await queryRunner.query(`DROP INDEX "public"."idx_share_links_org_trip"`);
    await queryRunner.query(`DROP INDEX "public"."uq_share_links_token"`);
    await queryRunner.query(`DROP TABLE "share_links"`);
    await queryRunner.query(`DROP TABLE "trip_notes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_checklist_items_trip"`);
    await queryRunner.query(`DROP TABLE "checklist_items"`);
    await queryRunner.query(`DROP INDEX "public"."idx_comments_trip_created"`);
    await queryRunner.query(`DROP TABLE "comments"`);
    await queryRunner.query(`DROP INDEX "public"."idx_trip_collaborators_org_user"`);
    await queryRunner.query(`DROP TABLE "trip_collaborators"`);
  }
}
