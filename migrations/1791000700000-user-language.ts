import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each user's chosen language (sv or en): notifications and e-mails are written in it, and the web app starts
 * in it on every device. Swedish for everyone until they choose.
 */
export class UserLanguage1791000700000 implements MigrationInterface {
  name = 'UserLanguage1791000700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ADD COLUMN language text NOT NULL DEFAULT 'sv' CONSTRAINT users_language_check CHECK (language IN ('sv', 'en'))`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN language`);
  }
}
