import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Unknown is not zero: `people_affected` stays the sum of the estimates given (it orders "most shared"), and
 * `people_affected_known` says whether anyone gave one, so a need nobody estimated reads "not given", never 0.
 * Not filtered on by itself, so no index.
 */
export class PeopleAffectedUnknown1791000500000 implements MigrationInterface {
  name = 'PeopleAffectedUnknown1791000500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE needs ADD COLUMN people_affected_known boolean NOT NULL DEFAULT false`);
    await db.query(
      `UPDATE needs n SET people_affected_known = n.estimated_people_affected IS NOT NULL OR EXISTS (
         SELECT 1 FROM need_endorsements e WHERE e.need_id = n.id AND e.people_affected IS NOT NULL)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE needs DROP COLUMN people_affected_known`);
  }
}
