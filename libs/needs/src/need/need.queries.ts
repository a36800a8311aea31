import type { EntityManager } from 'typeorm';

// The SQL of needs: the similarity ranking (shared with the query builders of NeedService), likely duplicates,
// endorsement counters and followers. Typed camelCase rows, values as parameters.

/**
 * The needs worth scoring against a title and a text (SQL expressions), among those `filter` keeps (on alias `k`):
 * the titles nearest the title (GiST trigram index), and needs with all the title's or all the text's words.
 * Scoring every need that shares one common word ("brukare", "natt") instead took 0.35 s of three cores per draft,
 * and 4.9 s per NEW need at triage, at 100 000 needs; a small county's needs are all nearest anyway.
 */
export function candidateIds(title: string, text: string, filter: string, perSource = 200): string {
  return `(SELECT k.id FROM needs k WHERE ${filter} ORDER BY k.title <-> ${title} LIMIT ${perSource})
    UNION (SELECT k.id FROM needs k WHERE ${filter} AND k.search_vector @@ plainto_tsquery('swedish', ${title}) LIMIT ${perSource})
    UNION (SELECT k.id FROM needs k WHERE ${filter} AND k.search_vector @@ plainto_tsquery('swedish', ${text}) LIMIT ${perSource})`;
}

/**
 * How alike a need (`alias`) is to a text, 0–1: title trigrams and Swedish full-text rank on any word. The one
 * ranking behind the reporter's similar needs, staff's likely duplicates at triage and the count of similar needs
 * awaiting triage: the same candidates (`candidateIds`, merged and declined needs left out) and the same floor,
 * SIMILAR_FLOOR, so that the report form and the triage inbox never disagree about a pair.
 */
export function likeness(alias: string, title: string, text: string): { matches: string; score: string } {
  const anyWord = `replace(plainto_tsquery('swedish', ${text})::text, ' & ', ' | ')::tsquery`;
  return {
    matches: `(${alias}.search_vector @@ ${anyWord} OR ${alias}.title % ${title})`,
    score: `(0.6 * similarity(${alias}.title, ${title}) + 0.4 * ts_rank(${alias}.search_vector, ${anyWord}, 32))`,
  };
}

/**
 * Below this a need shares no more than a word in passing with the text. Two wordings of one need scored
 * 0.38–0.47 on the e2e examples; needs about one situation in other words ("Nattkamera för brukare med demens",
 * "Nattliga tillsynsbesök väcker brukare") about 0.16; a need sharing only "brukare" in its text 0.03. The list
 * is a prompt to look (best first, five at most), so it errs on showing.
 */
export const SIMILAR_FLOOR = 0.1;
const POSSIBLE_DUPLICATES = 5;

export interface PossibleDuplicateRow {
  sourceId: string;
  candidateId: string;
  /** numeric: text or number */
  score: number;
}

/** Each NEW need's likely duplicates (any organisation, merged and declined left out), best first, for many needs. */
export function possibleDuplicateRows(tx: EntityManager, needIds: string[]): Promise<PossibleDuplicateRow[]> {
  const text = `src.title || ' ' || src.description`;
  const { matches, score } = likeness('c', 'src.title', text);
  return tx.query<PossibleDuplicateRow[]>(
    `SELECT src.id AS "sourceId", cand.id AS "candidateId", cand.score
       FROM needs src
       CROSS JOIN LATERAL (
         SELECT c.id, ${score} AS score FROM needs c
          WHERE c.id IN (${candidateIds('src.title', text, `k.id <> src.id AND k.status NOT IN ('MERGED', 'DECLINED')`)})
            AND c.id <> src.id AND c.status NOT IN ('MERGED', 'DECLINED') AND ${matches}
          ORDER BY score DESC, c.id LIMIT ${POSSIBLE_DUPLICATES}) cand
      WHERE src.id = ANY($1::uuid[]) AND cand.score >= $2
      ORDER BY src.id, cand.score DESC, cand.id`,
    [needIds, SIMILAR_FLOOR],
  );
}

/** Recounts each need's endorsing organisations and people affected from its endorsements. */
export async function refreshEndorsementCounters(tx: EntityManager, needIds: readonly string[]): Promise<void> {
  await tx.query(
    `UPDATE needs n SET endorsement_count = c.organizations, people_affected = coalesce(n.estimated_people_affected, 0) + c.people,
       people_affected_known = n.estimated_people_affected IS NOT NULL OR c.estimates > 0
     FROM (
       SELECT x.id, count(e.id)::int AS organizations, coalesce(sum(e.people_affected), 0)::int AS people,
         count(e.people_affected)::int AS estimates
       FROM unnest($1::uuid[]) AS x(id) LEFT JOIN need_endorsements e ON e.need_id = x.id
       GROUP BY x.id
     ) c
     WHERE n.id = c.id`,
    [needIds],
  );
}

// Followers.

/** Starts following unless the user already chose (an earlier unfollow stands). */
export async function followUnlessChosen(tx: EntityManager, needId: string, userId: string, at: Date): Promise<void> {
  await tx.query(
    `INSERT INTO need_followers (need_id, user_id, following, changed_at) VALUES ($1, $2, true, $3) ON CONFLICT DO NOTHING`,
    [needId, userId, at],
  );
}

/** The duplicate's followers and its reporter (unless they chose) follow the survivor; choices there stand. */
export async function moveFollowers(
  tx: EntityManager,
  duplicateId: string,
  survivorId: string,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO need_followers (need_id, user_id, following, changed_at)
     SELECT $2::uuid, f.user_id, true, $3::timestamptz FROM need_followers f WHERE f.need_id = $1 AND f.following
     UNION
     SELECT $2::uuid, d.reporter_user_id, true, $3::timestamptz FROM needs d
      WHERE d.id = $1 AND NOT EXISTS (SELECT 1 FROM need_followers f WHERE f.need_id = d.id AND f.user_id = d.reporter_user_id)
     ON CONFLICT DO NOTHING`,
    [duplicateId, survivorId, at],
  );
}

/** A user's explicit follow choices on many needs. */
export function followChoices(
  tx: EntityManager,
  userId: string,
  needIds: string[],
): Promise<{ needId: string; following: boolean }[]> {
  return tx.query<{ needId: string; following: boolean }[]>(
    `SELECT need_id AS "needId", following FROM need_followers WHERE user_id = $1 AND need_id = ANY($2::uuid[])`,
    [userId, needIds],
  );
}

/** Each live need's title and who is told about it: its reporter unless they unfollowed, and active followers. */
export function needsWithFollowers(
  tx: EntityManager,
  needIds: string[],
): Promise<{ id: string; title: string; recipients: string[] }[]> {
  return tx.query<{ id: string; title: string; recipients: string[] }[]>(
    `SELECT n.id, n.title,
            array(SELECT n.reporter_user_id WHERE NOT EXISTS (SELECT 1 FROM need_followers f WHERE f.need_id = n.id AND f.user_id = n.reporter_user_id AND NOT f.following)
                  UNION SELECT f.user_id FROM need_followers f JOIN users u ON u.id = f.user_id WHERE f.need_id = n.id AND f.following AND u.active) AS recipients
     FROM needs n WHERE n.id = ANY($1::uuid[]) AND n.status <> 'MERGED'`,
    [needIds],
  );
}

export async function setFollowing(
  tx: EntityManager,
  needId: string,
  userId: string,
  following: boolean,
  at: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO need_followers (need_id, user_id, following, changed_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (need_id, user_id) DO UPDATE SET following = EXCLUDED.following, changed_at = EXCLUDED.changed_at`,
    [needId, userId, following, at],
  );
}
