import type { EntityManager } from 'typeorm';

/** How an organisation's answered follow-ups of a product fared in a wave (latest answer of each). */
export interface OutcomeRow {
  organizationId: string;
  wave: number;
  answered: number;
  stillInUse: number;
  /** One decimal, as text (numeric). */
  perceivedSafety: string | null;
  technicalFaults: number | null;
  activeUsers: number | null;
}

/** Implementations of the product per organisation. */
export async function implementationCounts(
  manager: EntityManager,
  productId: string,
  organizationIds: string[],
): Promise<{ organizationId: string; count: number }[]> {
  return manager.query<{ organizationId: string; count: number }[]>(
    `SELECT organization_id AS "organizationId", count(*)::int AS count FROM implementations
      WHERE product_id = $1 AND organization_id = ANY($2::uuid[]) GROUP BY organization_id`,
    [productId, organizationIds],
  );
}

/** Each follow-up's latest answer (a correction is a new version), for the product's implementations. */
export function outcomes(manager: EntityManager, productId: string, organizationIds: string[]): Promise<OutcomeRow[]> {
  return manager.query<OutcomeRow[]>(
    `WITH latest AS (
       SELECT DISTINCT ON (f.id) f.organization_id, f.wave, a.values
         FROM follow_ups f
         JOIN implementations i ON i.id = f.implementation_id
         JOIN follow_up_answers a ON a.follow_up_id = f.id
        WHERE i.product_id = $1 AND f.organization_id = ANY($2::uuid[]) AND f.status = 'ANSWERED'
        ORDER BY f.id, a.version DESC)
     SELECT organization_id AS "organizationId", wave, count(*)::int AS answered,
            count(*) FILTER (WHERE values->>'continuedUse' = 'true')::int AS "stillInUse",
            round(avg((values->>'perceivedSafety')::numeric), 1)::text AS "perceivedSafety",
            sum((values->>'technicalFaults')::numeric)::int AS "technicalFaults",
            sum(coalesce((values->>'activeUsersWomen')::numeric, 0) + coalesce((values->>'activeUsersMen')::numeric, 0)
                + coalesce((values->>'activeUsersOther')::numeric, 0))::int AS "activeUsers"
       FROM latest GROUP BY organization_id, wave`,
    [productId, organizationIds],
  );
}
