import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db, Organization, type RequestContext, SmallNumbers, Visibility } from '#core';
import { ProcurementPolicy } from '#procurement';
import { TestbedPolicy } from '#testbed';
import type { MunicipalityExperience, ProductExperience, WaveExperience } from './product-experience.types.js';

const WAVES = [12, 24] as const;

interface OutcomeRow {
  organization_id: string;
  wave: number;
  answered: number;
  still_in_use: number;
  perceived_safety: string | null;
  technical_faults: number | null;
  active_users: number | null;
}

// Each follow-up's latest answer (a correction is a new version), for the product's implementations.
const OUTCOMES_SQL = `
  WITH latest AS (
    SELECT DISTINCT ON (f.id) f.organization_id, f.wave, a.values
      FROM follow_ups f
      JOIN implementations i ON i.id = f.implementation_id
      JOIN follow_up_answers a ON a.follow_up_id = f.id
     WHERE i.product_id = $1 AND f.organization_id = ANY($2::uuid[]) AND f.status = 'ANSWERED'
     ORDER BY f.id, a.version DESC)
  SELECT organization_id, wave, count(*)::int AS answered,
         count(*) FILTER (WHERE values->>'continuedUse' = 'true')::int AS still_in_use,
         round(avg((values->>'perceivedSafety')::numeric), 1)::text AS perceived_safety,
         sum((values->>'technicalFaults')::numeric)::int AS technical_faults,
         sum(coalesce((values->>'activeUsersWomen')::numeric, 0) + coalesce((values->>'activeUsersMen')::numeric, 0)
             + coalesce((values->>'activeUsersOther')::numeric, 0))::int AS active_users
    FROM latest GROUP BY organization_id, wave`;

/**
 * The agreement card's experience of a product: the county's municipalities that called it off (under
 * procurements the caller may see), how their implementations fared at 12 and 24 months, and open deviations
 * from its tests. Whether a municipality still uses a product it called off, its perceived safety and faults are
 * facts about the municipality's use of a jointly procured product; counts of people go through the small-number
 * rule. Five statements whatever the county holds (two when no one called it off).
 */
@Injectable()
export class ProductExperienceService {
  constructor(
    private readonly db: Db,
    private readonly smallNumbers: SmallNumbers,
  ) {}

  async experience(ctx: RequestContext, productId: string): Promise<ProductExperience> {
    const calledQb = this.db.manager
      .createQueryBuilder()
      .select('c.organization_id', 'organization_id')
      .addSelect(`to_char(max(c.called_off_on), 'YYYY-MM-DD')`, 'last_called_off_on')
      .from('call_offs', 'c')
      .innerJoin('framework_agreements', 'a', 'a.id = c.agreement_id')
      .innerJoin('procurements', 'p', 'p.id = a.procurement_id')
      .innerJoin('organizations', 'o', `o.id = c.organization_id AND o.kind = 'MUNICIPALITY'`)
      .where('c.product_id = :productId', { productId })
      .groupBy('c.organization_id');
    const deviationsQb = this.db.manager
      .createQueryBuilder()
      .select('count(*)::int', 'count')
      .from('test_deviations', 'd')
      .innerJoin('test_protocols', 'p', 'p.id = d.protocol_id')
      .where('p.product_id = :productId AND d.action_taken IS NULL', { productId });
    const [called, [deviations]] = await Promise.all([
      ProcurementPolicy.scopeList(ctx, calledQb).getRawMany<{ organization_id: string; last_called_off_on: string }>(),
      Visibility.scope(ctx, deviationsQb, TestbedPolicy.scope).getRawMany<{ count: number }>(),
    ]);
    const organizationIds = called.map((c) => c.organization_id);
    const [organizations, implementations, outcomes] = organizationIds.length
      ? await Promise.all([
          this.db.manager.findBy(Organization, { id: In(organizationIds) }),
          this.db.manager.query<{ organization_id: string; count: number }[]>(
            `SELECT organization_id, count(*)::int AS count FROM implementations
              WHERE product_id = $1 AND organization_id = ANY($2::uuid[]) GROUP BY organization_id`,
            [productId, organizationIds],
          ),
          this.db.manager.query<OutcomeRow[]>(OUTCOMES_SQL, [productId, organizationIds]),
        ])
      : [[], [], []];
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const municipalities: MunicipalityExperience[] = called
      .map((c) => ({
        organization: byId.get(c.organization_id)!,
        lastCalledOffOn: c.last_called_off_on,
        implementations: implementations.find((i) => i.organization_id === c.organization_id)?.count ?? 0,
        waves: WAVES.map((wave) =>
          this.wave(
            ctx,
            c.organization_id,
            wave,
            outcomes.find((o) => o.organization_id === c.organization_id && o.wave === wave),
          ),
        ),
      }))
      .sort(
        (a, b) =>
          b.lastCalledOffOn.localeCompare(a.lastCalledOffOn) || a.organization.name.localeCompare(b.organization.name),
      );
    return { productId, municipalities, openDeviations: deviations?.count ?? 0 };
  }

  private wave(ctx: RequestContext, organizationId: string, wave: number, row: OutcomeRow | undefined): WaveExperience {
    if (!row)
      return {
        wave,
        answered: 0,
        stillInUse: 0,
        perceivedSafety: null,
        technicalFaults: null,
        activeUsers: null,
        suppression: null,
      };
    const suppression = this.smallNumbers.fewPeople(ctx, [organizationId], row.active_users ?? 0);
    return {
      wave,
      answered: row.answered,
      stillInUse: row.still_in_use,
      perceivedSafety: row.perceived_safety === null ? null : Number(row.perceived_safety),
      technicalFaults: row.technical_faults,
      activeUsers: suppression ? null : row.active_users,
      suppression,
    };
  }
}
