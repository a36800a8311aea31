import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Notifications1790000000100 implements MigrationInterface {
  name = 'Notifications1790000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id uuid NOT NULL CONSTRAINT notifications_recipient_user_id_fk REFERENCES users (id) ON DELETE CASCADE,
        kind text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        entity_type text,
        entity_id uuid,
        params jsonb,
        dedupe_key text,
        created_at timestamptz NOT NULL,
        read_at timestamptz,
        email_status text NOT NULL DEFAULT 'PENDING'
          CONSTRAINT notifications_email_status_check CHECK (email_status IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED')),
        email_attempts integer NOT NULL DEFAULT 0,
        email_claimed_at timestamptz,
        emailed_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX notifications_dedupe_key_key ON notifications (dedupe_key)`);
    await db.query(
      `CREATE INDEX notifications_recipient_idx ON notifications (recipient_user_id, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX notifications_unread_idx ON notifications (recipient_user_id) WHERE read_at IS NULL`);
    await db.query(
      `CREATE INDEX notifications_email_pending_idx ON notifications (created_at) WHERE email_status IN ('PENDING', 'SENDING')`,
    );
    await db.query(`CREATE INDEX notifications_entity_idx ON notifications (entity_type, entity_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
  }
}
