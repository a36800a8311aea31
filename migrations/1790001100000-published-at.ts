import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Visibility follows whether a need or procurement was EVER published (triaged; announced for participation),
 * not its current status: a need declined or merged straight from NEW, and a procurement cancelled while
 * PLANNED, stay with their own organisation and node staff. Backfilled from the status histories.
 */
export class PublishedAt1790001100000 implements MigrationInterface {
  name = 'PublishedAt1790001100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE needs ADD COLUMN published_at timestamptz`);
    await db.query(`
      UPDATE needs n SET published_at = coalesce(
        (SELECT min(c.changed_at) FROM need_status_changes c WHERE c.need_id = n.id AND c.to_status NOT IN ('NEW', 'DECLINED', 'MERGED')),
        CASE WHEN n.status NOT IN ('NEW', 'DECLINED', 'MERGED') THEN n.status_changed_at END)`);
    await db.query(`CREATE INDEX needs_published_at_idx ON needs (published_at)`);

    await db.query(`ALTER TABLE procurements ADD COLUMN published_at timestamptz`);
    await db.query(`
      UPDATE procurements p SET published_at = coalesce(
        (SELECT min(c.changed_at) FROM procurement_status_changes c WHERE c.procurement_id = p.id AND c.to_status NOT IN ('PLANNED', 'CANCELLED')),
        CASE WHEN p.status NOT IN ('PLANNED', 'CANCELLED') THEN p.updated_at END)`);
    await db.query(`CREATE INDEX procurements_published_at_idx ON procurements (published_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX procurements_published_at_idx`);
    await db.query(`ALTER TABLE procurements DROP COLUMN published_at`);
    await db.query(`DROP INDEX needs_published_at_idx`);
    await db.query(`ALTER TABLE needs DROP COLUMN published_at`);
  }
}
