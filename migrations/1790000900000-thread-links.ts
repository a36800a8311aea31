import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The links of the thread need → test → decision → procurement → call-off → implementation, made real
 * foreign keys once all the domains' tables exist. Each column already has its index (in its domain's
 * migration).
 */
const LINKS: [table: string, column: string, target: string][] = [
  ['test_protocol_needs', 'need_id', 'needs'],
  ['procurement_needs', 'need_id', 'needs'],
  ['procurement_test_decisions', 'test_decision_id', 'test_decisions'],
  ['implementations', 'call_off_id', 'call_offs'],
  ['implementation_needs', 'need_id', 'needs'],
  ['compatibility_statements', 'test_protocol_id', 'test_protocols'],
  ['compatibility_statements', 'implementation_id', 'implementations'],
];

export class ThreadLinks1790000900000 implements MigrationInterface {
  name = 'ThreadLinks1790000900000';

  async up(db: QueryRunner): Promise<void> {
    for (const [table, column, target] of LINKS) {
      await db.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_${column}_fk FOREIGN KEY (${column}) REFERENCES ${target} (id)`,
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table, column] of [...LINKS].reverse()) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${column}_fk`);
    }
  }
}
