import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM's own bookkeeping table: `migration:generate` reads it to compare generated columns
 * (needs.search_vector) with the entities, and fails without it.
 */
export class TypeormMetadata1790000950000 implements MigrationInterface {
  name = 'TypeormMetadata1790000950000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS typeorm_metadata (
        type varchar NOT NULL,
        database varchar,
        schema varchar,
        "table" varchar,
        name varchar,
        value text
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS typeorm_metadata`);
  }
}
