import type { EntityManager } from 'typeorm';

// The SQL of organisations and the first-run setup link: typed camelCase rows, values as parameters.

export interface SetupTokenRow {
  id: string;
  tokenHash: string;
  expiresAt: Date;
  usedAt: Date | null;
}

/** Serialises first-run set-ups: a transaction-scoped advisory lock on the key. */
export async function lockSetup(tx: EntityManager, key: number): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock($1)`, [key]);
}

/** Every setup token, locked for the rest of the transaction. */
export function setupTokensForUpdate(tx: EntityManager): Promise<SetupTokenRow[]> {
  return tx.query<SetupTokenRow[]>(
    `SELECT id, token_hash AS "tokenHash", expires_at AS "expiresAt", used_at AS "usedAt" FROM setup_tokens FOR UPDATE`,
  );
}

export async function markSetupTokenUsed(tx: EntityManager, id: string, at: Date, userId: string): Promise<void> {
  await tx.query(`UPDATE setup_tokens SET used_at = $2, used_by_user_id = $3 WHERE id = $1`, [id, at, userId]);
}

/** Replaces the unused setup tokens with a new one. */
export async function replaceSetupToken(
  tx: EntityManager,
  token: { tokenHash: string; issuedAt: Date; expiresAt: Date },
): Promise<void> {
  await tx.query(`DELETE FROM setup_tokens WHERE used_at IS NULL`);
  await tx.query(`INSERT INTO setup_tokens (token_hash, issued_at, expires_at) VALUES ($1, $2, $3)`, [
    token.tokenHash,
    token.issuedAt,
    token.expiresAt,
  ]);
}
