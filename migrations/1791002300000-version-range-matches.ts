import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether a stored version range (a compatibility statement's `product_versions` or `system_versions`) holds for a
 * version: a pure function of the two texts, so an answer never goes stale. The compatibility matrix decides its
 * cells in one SQL statement joining this table; a pair it lacks is answered by the range rules in
 * `version-range.ts` (semver) and recorded the first time a matrix meets it. `version` '' stands for an unknown
 * version (never a valid one), which only `*` covers.
 */
export class VersionRangeMatches1791002300000 implements MigrationInterface {
  name = 'VersionRangeMatches1791002300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE version_range_matches (
        range text NOT NULL,
        version text NOT NULL,
        satisfied boolean NOT NULL,
        CONSTRAINT version_range_matches_pkey PRIMARY KEY (range, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE version_range_matches`);
  }
}
