import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One-time setup tokens for the first administrator: stored as SHA-256 hashes, issued at start while no user
 * exists (a new one replaces the unused ones), consumed by `completeSetup` together with the user it creates.
 */
export class SetupTokens1790001800000 implements MigrationInterface {
  name = 'SetupTokens1790001800000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE setup_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        used_by_user_id uuid,
        CONSTRAINT uq_setup_tokens_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_setup_tokens_used_by_user FOREIGN KEY (used_by_user_id) REFERENCES users (id) ON DELETE SET NULL
      )`);
    await db.query(`CREATE INDEX idx_setup_tokens_used_by_user_id ON setup_tokens (used_by_user_id)`);
    await db.query(`CREATE INDEX idx_setup_tokens_used_at ON setup_tokens (used_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS setup_tokens`);
  }
}
