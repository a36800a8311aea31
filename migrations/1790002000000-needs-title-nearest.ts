import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `similarNeeds` picks its candidates as the needs whose titles are nearest the draft's (trigram distance, `<->`)
 * before it ranks them. Only a GiST trigram index answers "the nearest N" without scoring every need; the GIN
 * index beside it keeps answering `%` and `LIKE`.
 */
export class NeedsTitleNearest1790002000000 implements MigrationInterface {
  name = 'NeedsTitleNearest1790002000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX needs_title_trgm_nearest_idx ON needs USING gist (title gist_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS needs_title_trgm_nearest_idx`);
  }
}
