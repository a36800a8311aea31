import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One heartbeat row per worker process (was one row for all workers), so /ready can list the live ones. */
export class WorkerHeartbeatsPerProcess1790001200000 implements MigrationInterface {
  name = 'WorkerHeartbeatsPerProcess1790001200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM worker_heartbeats`);
    await db.query(`
      ALTER TABLE worker_heartbeats
        ADD COLUMN host text NOT NULL,
        ADD COLUMN pid integer NOT NULL,
        ADD COLUMN started_at timestamptz NOT NULL,
        ADD COLUMN queues text[] NOT NULL DEFAULT '{}'`);
    await db.query(`CREATE INDEX idx_worker_heartbeats_last_beat_at ON worker_heartbeats (last_beat_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idx_worker_heartbeats_last_beat_at`);
    await db.query(`DELETE FROM worker_heartbeats`);
    await db.query(
      `ALTER TABLE worker_heartbeats DROP COLUMN host, DROP COLUMN pid, DROP COLUMN started_at, DROP COLUMN queues`,
    );
  }
}
