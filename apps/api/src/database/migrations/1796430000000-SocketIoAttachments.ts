import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The table @socket.io/postgres-adapter keeps messages in that do not fit a NOTIFY payload (8000
 * bytes) — e.g. a presence query's answer across processes (docs/realtime.md). The adapter deletes
 * rows older than 30 s itself; it has no entity (the application never reads it).
 */
export class SocketIoAttachments1796430000000 implements MigrationInterface {
  name = 'SocketIoAttachments1796430000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "socket_io_attachments" ("id" bigserial UNIQUE, "created_at" TIMESTAMP WITH TIME ZONE DEFAULT now(), "payload" bytea)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "socket_io_attachments"`);
  }
}
