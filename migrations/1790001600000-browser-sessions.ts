import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Browser sessions: refresh tokens (stored as SHA-256 hashes) in families. Each refresh replaces the token
 * with the next of its family; presenting a replaced token again revokes the whole family.
 */
export class BrowserSessions1790001600000 implements MigrationInterface {
  name = 'BrowserSessions1790001600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash text NOT NULL,
        issued_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        family_expires_at timestamptz NOT NULL,
        replaced_at timestamptz,
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT uq_refresh_tokens_token_hash UNIQUE (token_hash),
        CONSTRAINT ck_refresh_tokens_revoked_reason CHECK (revoked_reason IS NULL OR revoked_reason IN ('LOGOUT', 'REUSE', 'PASSWORD_CHANGED', 'USER_DEACTIVATED'))
      )`);
    await db.query(`CREATE INDEX idx_refresh_tokens_user_id ON refresh_tokens (user_id)`);
    await db.query(`CREATE INDEX idx_refresh_tokens_family_id ON refresh_tokens (family_id)`);
    await db.query(`CREATE INDEX idx_refresh_tokens_family_expires_at ON refresh_tokens (family_expires_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS refresh_tokens`);
  }
}
