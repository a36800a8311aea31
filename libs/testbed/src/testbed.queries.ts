import type { EntityManager } from 'typeorm';
import { returnedRows } from '#core';

// The SQL of the test bed: upserts of activity records, superseding open reviews, voters and the category key of
// a protocol's snapshot. Typed camelCase rows, values as parameters.

/** Closes the protocol's reviews in `from` with `to`; answers the versions closed. */
export async function closeOpenReviews(
  tx: EntityManager,
  protocolId: string,
  from: string,
  to: string,
  at: Date,
): Promise<{ id: string; versionNumber: number }[]> {
  return returnedRows<{ id: string; versionNumber: number }>(
    await tx.query(
      `UPDATE test_protocol_versions SET review_status = $3, closed_at = $4 WHERE protocol_id = $1 AND review_status = $2 RETURNING id, version_number AS "versionNumber"`,
      [protocolId, from, to, at],
    ),
  );
}

/** Who voted on a version, once each. */
export async function voterIds(tx: EntityManager, versionId: string): Promise<string[]> {
  const rows = await tx.query<{ voterUserId: string }[]>(
    `SELECT DISTINCT voter_user_id AS "voterUserId" FROM test_steering_votes WHERE version_id = $1`,
    [versionId],
  );
  return rows.map((r) => r.voterUserId);
}

export interface ParticipantCount {
  protocolId: string;
  group: string;
  women: number;
  men: number;
  otherOrUnknown: number;
  recordedByUserId: string | null;
  recordedAt: Date;
}

/** Records (or replaces) the participants of one group. */
export async function upsertParticipantCount(tx: EntityManager, c: ParticipantCount): Promise<void> {
  await tx.query(
    `INSERT INTO test_participant_counts (protocol_id, participant_group, women, men, other_or_unknown, recorded_by_user_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (protocol_id, participant_group) DO UPDATE SET women = EXCLUDED.women, men = EXCLUDED.men,
       other_or_unknown = EXCLUDED.other_or_unknown, recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = EXCLUDED.recorded_at`,
    [c.protocolId, c.group, c.women, c.men, c.otherOrUnknown, c.recordedByUserId, c.recordedAt],
  );
}

export interface ResultRecord {
  protocolId: string;
  criterionId: string;
  measuredValue: number;
  met: boolean;
  comment: string | null;
  recordedByUserId: string | null;
  recordedAt: Date;
}

/** Records (or replaces) the result of a criterion; answers its id. */
export async function upsertResult(tx: EntityManager, r: ResultRecord): Promise<string> {
  const [row] = await tx.query<{ id: string }[]>(
    `INSERT INTO test_results (protocol_id, criterion_id, measured_value, met, comment, recorded_by_user_id, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (criterion_id) DO UPDATE SET measured_value = EXCLUDED.measured_value, met = EXCLUDED.met, comment = EXCLUDED.comment,
       recorded_by_user_id = EXCLUDED.recorded_by_user_id, recorded_at = EXCLUDED.recorded_at
     RETURNING id`,
    [r.protocolId, r.criterionId, r.measuredValue, r.met, r.comment, r.recordedByUserId, r.recordedAt],
  );
  return row.id;
}

/** The key of a technology category, or null. */
export async function categoryKey(tx: EntityManager, categoryId: string): Promise<string | null> {
  const rows = await tx.query<{ key: string }[]>(`SELECT key FROM technology_categories WHERE id = $1`, [categoryId]);
  return rows[0]?.key ?? null;
}
