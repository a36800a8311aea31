import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The `users` query lists users by name, filtered by organisation and active. */
export class UsersDirectory1790001000000 implements MigrationInterface {
  name = 'UsersDirectory1790001000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX users_organization_active_name_idx ON users (organization_id, active, display_name, id)`,
    );
    await db.query(`CREATE INDEX users_display_name_idx ON users (display_name, id)`);
    await db.query(`CREATE INDEX users_active_idx ON users (active)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX users_active_idx`);
    await db.query(`DROP INDEX users_display_name_idx`);
    await db.query(`DROP INDEX users_organization_active_name_idx`);
  }
}
