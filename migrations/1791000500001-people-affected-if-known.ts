import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `peopleAffected` as the schema gives it (null while nobody estimated) is a stored column, so list pages read it
 * like any other column instead of calling a field resolver per need. Not filtered on, so no index.
 */
export class PeopleAffectedIfKnown1791000500001 implements MigrationInterface {
  name = 'PeopleAffectedIfKnown1791000500001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE needs ADD COLUMN people_affected_if_known integer
         GENERATED ALWAYS AS (CASE WHEN people_affected_known THEN people_affected END) STORED`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE needs DROP COLUMN people_affected_if_known`);
  }
}
