import { Injectable } from '@nestjs/common';
import { Db, OrganizationService, paginate, type ConnectionResult, type RequestContext, sizeClassOf } from '#core';
import { ProductService, TechnologyCategoryService } from '#catalog';
import { NeedService, NeedStatus } from '#needs';
import { SteeringReviewService } from '#testbed';
import { FrameworkAgreement, ProcurementPolicy } from '#procurement';
import { FollowUpService, ImplementationService } from '#followup';
import { CountyOverviewService, OVERVIEW_ROLES } from '../overview/county-overview.service.js';

import { type Cell, csvLine, CSV_BOM, decimal } from './csv.js';
import { agreementFigures, type AgreementFiguresRow, protocolTitles } from '../thread.queries.js';

export const EXPORT_LISTS = ['overview', 'needs', 'decisions', 'agreements', 'follow-ups'] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

const BATCH = 100;

/**
 * The CSV exports for steering meetings. Each list pages through the same service and policy as its GraphQL
 * list, a batch at a time, so a national list never sits in memory and nobody exports more than they may see.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly db: Db,
    private readonly organizations: OrganizationService,
    private readonly categories: TechnologyCategoryService,
    private readonly products: ProductService,
    private readonly needs: NeedService,
    private readonly review: SteeringReviewService,
    private readonly followUps: FollowUpService,
    private readonly implementations: ImplementationService,
    private readonly overview: CountyOverviewService,
  ) {}

  /** Checks access before the first byte is sent, so refusals are ordinary errors, not a broken download. */
  async open(ctx: RequestContext, list: ExportList): Promise<AsyncGenerator<string>> {
    switch (list) {
      case 'overview':
        return this.overviewCsv(ctx, await this.overviewRows(ctx));
      case 'needs':
        return this.csv(
          NEED_COLUMNS,
          this.batches((after) => this.needs.list(ctx, { first: BATCH, after, statuses: Object.values(NeedStatus) })),
          async (n) => {
            const [organization, category] = await Promise.all([
              this.organizations.load(ctx, n.organizationId),
              n.categoryId ? this.categories.load(ctx, n.categoryId) : null,
            ]);
            return [
              n.id,
              n.title,
              n.status,
              organization?.name,
              category?.labelSv ?? null,
              n.setting,
              n.targetGroup,
              n.urgency,
              n.endorsementCount,
              n.peopleAffected,
              n.createdAt,
              n.statusChangedAt,
            ];
          },
        );
      case 'decisions':
        return this.csv(
          DECISION_COLUMNS,
          this.batches((after) => this.review.decisions(ctx, { first: BATCH, after })),
          async (d) => {
            const [protocol, category] = await Promise.all([
              this.protocolOf(ctx, d.protocolId),
              this.categories.load(ctx, d.categoryId),
            ]);
            const lead = protocol ? await this.organizations.load(ctx, protocol.leadOrganizationId) : null;
            return [
              d.id,
              protocol?.title,
              d.outcome,
              d.decidedAt,
              lead?.name,
              category?.labelSv ?? null,
              d.versionNumber,
              d.conditions,
            ];
          },
        );
      case 'agreements':
        return this.csv(
          AGREEMENT_COLUMNS,
          this.batches((after) => this.agreementPage(ctx, after)),
          async (a) => {
            const procurement = (await this.agreementFiguresOf(ctx, a.id))!;
            return [
              a.id,
              procurement.title,
              procurement.status,
              a.startsOn,
              a.endsOn,
              a.callOffMethod,
              a.awardedAt,
              procurement.callOffs,
              decimal(procurement.valueSek),
            ];
          },
        );
      case 'follow-ups':
        return this.csv(
          FOLLOW_UP_COLUMNS,
          this.batches((after) => this.followUps.list(ctx, { first: BATCH, after })),
          async (f) => {
            const implementation = await this.implementations.load(ctx, f.implementationId);
            const [organization, product] = await Promise.all([
              this.organizations.load(ctx, f.organizationId),
              implementation ? this.products.load(ctx, implementation.productId) : null,
            ]);
            return [f.id, organization?.name, product?.name, f.wave, f.dueOn, f.status, f.answeredAt];
          },
        );
    }
  }

  private async overviewRows(ctx: RequestContext): Promise<Cell[][]> {
    ctx.requireRole(...OVERVIEW_ROLES);
    const figures = await this.overview.municipalityFigures();
    const { equityByMunicipality, equityRest } = this.overview.equity(ctx, figures);
    const rows: Cell[][] = figures.map((m, i) => {
      const followUps = this.overview.followUps(ctx, m);
      const equity = equityByMunicipality[i];
      return [
        m.organization.name,
        m.organization.code,
        m.organization.population,
        sizeClassOf(m.organization.population),
        followUps.due,
        followUps.answered,
        followUps.overdue,
        equity.implementations,
        equity.peopleAccepted,
        equity.implementationsPer10000,
        equity.peopleAcceptedPer10000,
        equity.suppression?.message ?? null,
      ];
    });
    // The withheld municipalities counted together, and the county: the column adds up without revealing any.
    if (equityRest.municipalities > 0)
      rows.push([
        `Övriga kommuner (${equityRest.municipalities}, sammanräknade)`,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        equityRest.peopleAccepted,
        null,
        null,
        equityRest.suppression?.message ?? null,
      ]);
    rows.push([
      'Hela länet',
      null,
      figures.reduce((sum, m) => sum + (m.organization.population ?? 0), 0),
      null,
      figures.reduce((sum, m) => sum + m.due, 0),
      figures.reduce((sum, m) => sum + m.answered, 0),
      figures.reduce((sum, m) => sum + m.overdue, 0),
      equityRest.implementationsInCounty,
      equityRest.peopleAcceptedInCounty,
      null,
      null,
      equityRest.suppression?.message ?? null,
    ]);
    return rows;
  }

  private async *overviewCsv(_ctx: RequestContext, rows: Cell[][]): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(OVERVIEW_COLUMNS);
    for (const row of rows) yield csvLine(row);
  }

  private protocolOf(ctx: RequestContext, id: string) {
    return ctx.loaders
      .byKey<string, { id: string; title: string; leadOrganizationId: string }>(
        'export.protocol',
        (ids) => protocolTitles(this.db.manager, [...ids]),
        (p) => p.id,
      )
      .load(id);
  }

  private agreementFiguresOf(ctx: RequestContext, id: string) {
    return ctx.loaders
      .byKey<string, AgreementFiguresRow>(
        'export.agreementFigures',
        (ids) => agreementFigures(this.db.manager, [...ids]),
        (r) => r.id,
      )
      .load(id);
  }

  private agreementPage(ctx: RequestContext, after: string | null): Promise<ConnectionResult<FrameworkAgreement>> {
    const qb = ProcurementPolicy.scopeList(
      ctx,
      this.db.manager
        .createQueryBuilder(FrameworkAgreement, 'a')
        .innerJoin('procurements', 'p', 'p.id = a.procurement_id'),
    );
    return paginate(qb, { first: BATCH, after }, [
      { expression: 'a.ends_on', direction: 'ASC', value: (a) => a.endsOn },
      { expression: 'a.id', direction: 'ASC', value: (a) => a.id },
    ]);
  }

  private async *batches<T>(page: (after: string | null) => Promise<ConnectionResult<T>>): AsyncGenerator<T[]> {
    let after: string | null = null;
    do {
      const batch = await page(after);
      yield batch.nodes;
      after = batch.pageInfo.hasNextPage ? batch.pageInfo.endCursor : null;
    } while (after);
  }

  private async csv<T>(
    columns: readonly string[],
    batches: AsyncGenerator<T[]>,
    toRow: (item: T) => Promise<Cell[]>,
  ): Promise<AsyncGenerator<string>> {
    const first = await batches.next();
    async function* lines(): AsyncGenerator<string> {
      yield CSV_BOM + csvLine(columns);
      let current = first;
      while (!current.done) {
        const rows = await Promise.all(current.value.map(toRow));
        yield rows.map(csvLine).join('');
        current = await batches.next();
      }
    }
    return lines();
  }
}

const OVERVIEW_COLUMNS = [
  'Kommun',
  'Kommunkod',
  'Invånare',
  'Storleksklass',
  'Uppföljningar att besvara',
  'Uppföljningar besvarade',
  'Uppföljningar försenade',
  'Införanden',
  'Personer som tackat ja',
  'Införanden per 10 000 invånare',
  'Personer per 10 000 invånare',
  'Visas inte',
];
const NEED_COLUMNS = [
  'Id',
  'Titel',
  'Status',
  'Organisation',
  'Kategori',
  'Verksamhet',
  'Målgrupp',
  'Angelägenhet',
  'Organisationer som står bakom',
  'Berörda personer',
  'Rapporterat',
  'Status ändrad',
];
const DECISION_COLUMNS = [
  'Id',
  'Testprotokoll',
  'Utfall',
  'Beslutat',
  'Ledande organisation',
  'Kategori',
  'Version',
  'Villkor',
];
const AGREEMENT_COLUMNS = [
  'Id',
  'Upphandling',
  'Status',
  'Gäller från',
  'Gäller till',
  'Avropsmetod',
  'Tilldelat',
  'Antal avrop',
  'Avropat värde (kr)',
];
const FOLLOW_UP_COLUMNS = [
  'Id',
  'Organisation',
  'Produkt',
  'Uppföljning (månader)',
  'Förfallodag',
  'Status',
  'Besvarad',
];
