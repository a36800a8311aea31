import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Db, Organization, type RequestContext, SmallNumbers, Visibility } from '#core';
import { ProcurementPolicy } from '#procurement';
import { TestbedPolicy } from '#testbed';
import type { MunicipalityExperience, ProductExperience, WaveExperience } from './product-experience.types.js';
import { implementationCounts, type OutcomeRow, outcomes } from './product-experience.queries.js';

const WAVES = [12, 24] as const;

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
    const [organizations, implementations, found] = organizationIds.length
      ? await Promise.all([
          this.db.manager.findBy(Organization, { id: In(organizationIds) }),
          implementationCounts(this.db.manager, productId, organizationIds),
          outcomes(this.db.manager, productId, organizationIds),
        ])
      : [[], [], []];
    const byId = new Map(organizations.map((o) => [o.id, o]));
    const municipalities: MunicipalityExperience[] = called
      .map((c) => ({
        organization: byId.get(c.organization_id)!,
        lastCalledOffOn: c.last_called_off_on,
        implementations: implementations.find((i) => i.organizationId === c.organization_id)?.count ?? 0,
        waves: WAVES.map((wave) =>
          this.wave(
            ctx,
            c.organization_id,
            wave,
            found.find((o) => o.organizationId === c.organization_id && o.wave === wave),
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
    const suppression = this.smallNumbers.fewPeople(ctx, [organizationId], row.activeUsers ?? 0);
    return {
      wave,
      answered: row.answered,
      stillInUse: row.stillInUse,
      perceivedSafety: row.perceivedSafety === null ? null : Number(row.perceivedSafety),
      technicalFaults: row.technicalFaults,
      activeUsers: suppression ? null : row.activeUsers,
      suppression,
    };
  }
}
