import { Injectable } from '@nestjs/common';
import {
  Clock,
  Db,
  Organization,
  plusMonths,
  type RequestContext,
  Role,
  SizeClass,
  sizeClassOf,
  SmallNumbers,
  Visibility,
} from '#core';
import { NeedPolicy, NeedService, NeedSort } from '#needs';
import { TestProtocolService, TestProtocolStatus, TestbedPolicy } from '#testbed';
import { FrameworkAgreement, ProcurementPolicy, ProcurementService, ProcurementStatus } from '#procurement';
import { per10000 } from '../size-class.js';
import type {
  CountyOverview,
  EquityBySex,
  EquityRest,
  MunicipalityEquity,
  MunicipalityFollowUps,
  SizeClassEquity,
} from './county-overview.types.js';
import { type MunicipalityFigureRow, municipalityFigureRows } from '../thread.queries.js';

/** Who reads the county overview: the steering group and node staff (docs/DOMAIN.md "Who uses it"). */
export const OVERVIEW_ROLES: readonly Role[] = [Role.NODE_ADMIN, Role.NODE_STAFF, Role.STEERING_MEMBER];

export type MunicipalityFigures = Omit<MunicipalityFigureRow, 'id'> & { organization: Organization };

// One pass over follow-ups and one over implementations, grouped by organisation (three counting subqueries per
// municipality took 200 ms at 60 000 follow-ups; this takes 40).
/**
 * The steering group's overview in one request (eight statements whatever the data). Lists go through
 * each domain's own service and policy; every figure built from a municipality's internal data (follow-ups,
 * implementations, people) goes through the one small-number rule of core.
 */
@Injectable()
export class CountyOverviewService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly smallNumbers: SmallNumbers,
    private readonly needs: NeedService,
    private readonly protocols: TestProtocolService,
    private readonly procurements: ProcurementService,
  ) {}

  async overview(ctx: RequestContext): Promise<CountyOverview> {
    ctx.requireRole(...OVERVIEW_ROLES);
    const today = this.clock.today();
    const [needsByStatus, mostShared, awaiting, decisions, open, expiring, figures] = await Promise.all([
      this.needsByStatus(ctx),
      this.needs.list(ctx, { first: 5, sort: NeedSort.MOST_SHARED }),
      this.protocols.list(ctx, { first: 100, status: TestProtocolStatus.SUBMITTED_FOR_REVIEW }),
      this.decisionsThisYear(ctx, today),
      this.procurements.list(ctx, { first: 100, status: ProcurementStatus.OPEN_FOR_PARTICIPATION }),
      this.agreementsExpiring(ctx, today),
      this.municipalityFigures(),
    ]);
    const equity = this.equity(ctx, figures);
    return {
      asOf: today,
      needsByStatus,
      mostSharedNeeds: mostShared.nodes,
      protocolsAwaitingReview: awaiting.nodes,
      decisionsThisYear: decisions.reduce((sum, d) => sum + d.count, 0),
      decisionsThisYearByOutcome: decisions,
      procurementsOpenForParticipation: open.nodes,
      agreementsExpiringWithin6Months: expiring,
      followUpsByMunicipality: figures.map((m) => this.followUps(ctx, m)),
      ...equity,
    };
  }

  /** Per municipality, before the small-number rule: also what the CSV export streams. */
  async municipalityFigures(): Promise<MunicipalityFigures[]> {
    const [rows, organizations] = await Promise.all([
      municipalityFigureRows(this.db.manager),
      this.db.manager.find(Organization, {
        where: { kind: 'MUNICIPALITY' as Organization['kind'] },
        order: { name: 'ASC' },
      }),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return organizations.map((organization) => ({ organization, ...byId.get(organization.id)! }));
  }

  /** Follow-ups are facts about organisations, which the steering group exists to follow: shown to every reader. */
  followUps(_ctx: RequestContext, m: MunicipalityFigures): MunicipalityFollowUps {
    return {
      organization: m.organization,
      due: m.due,
      answered: m.answered,
      overdue: m.overdue,
      suppressed: false,
      suppression: null,
    };
  }

  /**
   * Implementations are facts about organisations and are shown; people who accepted go through the
   * small-number rule as one table (municipalities, "the rest", the county total), so that no withheld count can
   * be worked out from the others. A size class or a sex whose figure would reveal a withheld municipality is
   * withheld too.
   */
  equity(
    ctx: RequestContext,
    figures: MunicipalityFigures[],
  ): {
    equityByMunicipality: MunicipalityEquity[];
    equityRest: EquityRest;
    equityBySizeClass: SizeClassEquity[];
    equityBySex: EquityBySex;
  } {
    const accepted = (m: MunicipalityFigures) => m.women + m.men + m.other;
    const table = this.smallNumbers.table(
      ctx,
      figures.map((m) => ({ organizationIds: [m.organization.id], people: accepted(m) })),
    );
    const withheld = new Set(figures.filter((_, i) => table.cells[i].people === null).map((m) => m.organization.id));
    const equityByMunicipality = figures.map((m, i) => {
      const population = m.organization.population;
      const cell = table.cells[i];
      return {
        organization: m.organization,
        population,
        sizeClass: sizeClassOf(population),
        implementations: m.implementations,
        implementationsPer10000: population ? per10000(m.implementations, population) : null,
        peopleAccepted: cell.people,
        peopleAcceptedPer10000: population && cell.people !== null ? per10000(cell.people, population) : null,
        suppressed: cell.suppression !== null,
        suppression: cell.suppression,
      };
    });
    const equityRest: EquityRest = {
      municipalities: table.rest.groups,
      peopleAccepted: table.rest.people,
      peopleAcceptedInCounty: table.total,
      implementationsInCounty: figures.reduce((total, m) => total + m.implementations, 0),
      suppressed: table.suppression !== null,
      suppression: table.suppression,
    };
    const equityBySizeClass = Object.values(SizeClass).map((sizeClass) => {
      const members = figures.filter((m) => sizeClassOf(m.organization.population) === sizeClass);
      const population = members.reduce((total, m) => total + (m.organization.population ?? 0), 0);
      const implementations = members.reduce((total, m) => total + m.implementations, 0);
      const people = members.reduce((total, m) => total + accepted(m), 0);
      const suppression = members.some((m) => withheld.has(m.organization.id))
        ? this.smallNumbers.revealing(ctx)
        : null;
      return {
        sizeClass,
        municipalities: members.length,
        population,
        implementations,
        implementationsPer10000: per10000(implementations, population),
        peopleAccepted: suppression ? null : people,
        peopleAcceptedPer10000: suppression ? null : per10000(people, population),
        suppressed: suppression !== null,
        suppression,
      };
    });
    // The parts add up to the county total, which the table shows: they go through the same rule as a table of
    // their own, and are all withheld where the county total is.
    const bySex = [sum(figures, 'women'), sum(figures, 'men'), sum(figures, 'other')];
    const everyone = figures.map((m) => m.organization.id);
    const sexes = this.smallNumbers.table(
      ctx,
      bySex.map((people) => ({ organizationIds: everyone, people })),
    );
    const sexWithheld = table.total === null ? table.suppression : null;
    const part = (i: number) => (sexWithheld ? null : sexes.cells[i].people);
    const firstHidden = sexes.cells.find((c) => c.suppression)?.suppression ?? null;
    const equityBySex: EquityBySex = {
      women: part(0),
      men: part(1),
      otherOrUnknown: part(2),
      suppressed: sexWithheld !== null || firstHidden !== null,
      suppression: sexWithheld ?? firstHidden,
    };
    return { equityByMunicipality, equityRest, equityBySizeClass, equityBySex };
  }

  private async needsByStatus(ctx: RequestContext): Promise<CountyOverview['needsByStatus']> {
    const qb = this.db.manager
      .createQueryBuilder()
      .select('n.status', 'status')
      .addSelect('count(*)::int', 'count')
      .from('needs', 'n')
      .where(`n.status <> 'MERGED'`)
      .groupBy('n.status');
    return Visibility.scope(ctx, qb, NeedPolicy.scope('n')).orderBy('n.status').getRawMany();
  }

  private async decisionsThisYear(
    ctx: RequestContext,
    today: string,
  ): Promise<CountyOverview['decisionsThisYearByOutcome']> {
    const qb = this.db.manager
      .createQueryBuilder()
      .select('d.outcome', 'outcome')
      .addSelect('count(*)::int', 'count')
      .from('test_decisions', 'd')
      .innerJoin('test_protocols', 'p', 'p.id = d.protocol_id')
      .where(`d.decided_at >= (CAST(:yearStart AS date) AT TIME ZONE 'Europe/Stockholm')`, {
        yearStart: `${today.slice(0, 4)}-01-01`,
      })
      .groupBy('d.outcome');
    return Visibility.scope(ctx, qb, TestbedPolicy.scope).orderBy('d.outcome').getRawMany();
  }

  private agreementsExpiring(ctx: RequestContext, today: string): Promise<FrameworkAgreement[]> {
    const qb = this.db.manager
      .createQueryBuilder(FrameworkAgreement, 'a')
      .innerJoin('procurements', 'p', 'p.id = a.procurement_id')
      .where('a.ends_on >= :today AND a.ends_on <= :horizon', { today, horizon: plusMonths(today, 6) })
      .orderBy('a.ends_on', 'ASC')
      .addOrderBy('a.id', 'ASC');
    return ProcurementPolicy.scopeList(ctx, qb).getMany();
  }
}

function sum(figures: MunicipalityFigures[], key: 'women' | 'men' | 'other'): number {
  return figures.reduce((total, m) => total + m[key], 0);
}
