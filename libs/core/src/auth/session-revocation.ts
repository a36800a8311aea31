import type { EntityManager } from 'typeorm';

export type SessionRevocationReason = 'LOGOUT' | 'REUSE' | 'PASSWORD_CHANGED' | 'USER_DEACTIVATED';

/** Ends every browser session of a user; call inside the transaction that changes the password or deactivates. */
export async function revokeUserSessions(
  tx: EntityManager,
  userId: string,
  at: Date,
  reason: SessionRevocationReason,
): Promise<void> {
  await tx.query(
    `UPDATE refresh_tokens SET revoked_at = $2, revoked_reason = $3 WHERE user_id = $1 AND revoked_at IS NULL`,
    [userId, at, reason],
  );
}
