import { Injectable } from '@nestjs/common';
import { In, IsNull } from 'typeorm';
import { Db, OrganizationService, type RequestContext } from '#core';
import { CompatibilityStatement } from './compatibility-statement.entity.js';
import { CompatibilityStatus, EVIDENCE_RANK, EvidenceLevel } from './compatibility-enums.js';
import { RangeCache } from './version-range.js';
import {
  type DecidedCell,
  decideMatrixCells,
  decideMatrixGrid,
  matrixProducts,
  matrixSystems,
  recordRangeAnswers,
  UNKNOWN_VERSION,
  type UnansweredRange,
} from './compatibility.queries.js';
import { indexByPair, pairKey, statementFor, weakestEvidence } from './statement-lookup.js';
import {
  CompatibilityMatrix,
  CompatibleProducts,
  ImpactChange,
  type MatrixGrid,
  type MatrixGridCell,
  type MatrixProduct,
  type MatrixSystem,
  type ProductFit,
  type SystemCheck,
  UpgradeImpact,
  type UpgradeImpactItem,
} from './dto/compatibility-results.types.js';
import type { CompatibilityMatrixArgs, CompatibleProductsArgs, UpgradeImpactArgs } from './dto/compatibility.args.js';
import { CatalogError } from '../catalog.errors.js';
import { TechnologyCategoryService } from '../category/technology-category.service.js';
import { Product } from '../product/product.entity.js';
import { ProductService } from '../product/product.service.js';
import { SystemService } from '../system/system.service.js';
import { SystemKind } from '../system/system-kind.entity.js';
import { OrganizationSystem } from '../system/organization-system.entity.js';
import { System } from '../system/system.entity.js';

interface LandscapeRow {
  organizationSystem: OrganizationSystem;
  system: System;
  kindKey: string;
}

/** The decided statements as index tuples into the matrix's lists and the legends. */
const STATUSES = Object.values(CompatibilityStatus);
const EVIDENCE_LEVELS = Object.values(EvidenceLevel);

function gridOf(products: MatrixProduct[], systems: MatrixSystem[], decided: DecidedCell[]): MatrixGrid {
  const productIndex = new Map(products.map((p, i) => [p.id, i]));
  const systemIndex = new Map(systems.map((s, i) => [s.id, i]));
  return {
    statuses: STATUSES,
    evidenceLevels: EVIDENCE_LEVELS,
    cells: decided.map(([id, productId, , systemId, , status, evidence, note, , , originName]): MatrixGridCell => [
      productIndex.get(productId)!,
      systemIndex.get(systemId)!,
      STATUSES.indexOf(status),
      EVIDENCE_LEVELS.indexOf(evidence),
      id,
      note,
      originName,
    ]),
  };
}

/**
 * The three questions (S4:227, S4:313): the matrix for a category, which products work with everything an
 * organisation runs, and what an upgrade would break. Each costs a fixed number of set-based statements;
 * version ranges are matched in memory.
 */
@Injectable()
export class CompatibilityQuestionService {
  constructor(
    private readonly db: Db,
    private readonly organizations: OrganizationService,
    private readonly categories: TechnologyCategoryService,
    private readonly products: ProductService,
    private readonly systems: SystemService,
  ) {}

  /**
   * The matrix in the encoding asked for: `grid` (a page rendering it) is built by Postgres and passed on untouched;
   * `cells` (one object per cell) also gives the grid, derived from the cells.
   */
  async matrix(
    ctx: RequestContext,
    args: CompatibilityMatrixArgs,
    encoding: 'grid' | 'cells' = 'cells',
  ): Promise<CompatibilityMatrix> {
    const category = await this.categories.resolve(ctx, args.category, 'category');
    const kind = args.systemKind ? await this.systems.resolveKind(ctx, args.systemKind, 'systemKind') : null;
    const products = await matrixProducts(this.db.manager, category.id);
    const systems = await matrixSystems(this.db.manager, kind?.id ?? null);
    const base = { category, systemKind: kind, products, systems, defaultStatus: CompatibilityStatus.UNKNOWN };
    if (encoding === 'grid') {
      const cells = await this.decided(() =>
        decideMatrixGrid(this.db.manager, category.id, kind?.id ?? null, STATUSES, EVIDENCE_LEVELS),
      );
      return {
        ...base,
        grid: { statuses: STATUSES, evidenceLevels: EVIDENCE_LEVELS, cells },
        cells: [],
        unknownCellCount: products.length * systems.length - cells.length,
      };
    }
    const decided = await this.decided(() => decideMatrixCells(this.db.manager, category.id, kind?.id ?? null));
    return {
      ...base,
      cells: decided.map(
        ([
          id,
          productId,
          productVersions,
          systemId,
          systemVersions,
          status,
          evidence,
          note,
          assertedAt,
          originNodeId,
          originName,
        ]) => ({
          productId,
          systemId,
          status,
          evidence,
          statementId: id,
          productVersions,
          systemVersions,
          note,
          assertedAt: new Date(assertedAt),
          originNodeId,
          originName,
        }),
      ),
      grid: gridOf(products, systems, decided),
      unknownCellCount: products.length * systems.length - decided.length,
    };
  }

  /**
   * The matrix's cells, decided in SQL. A range never met with a version before is answered here by the range
   * rules, recorded, and the cells asked for again: two more statements, once per new pair.
   */
  private async decided<Cell>(
    decide: () => Promise<{ cells: Cell[]; unanswered: UnansweredRange[] }>,
  ): Promise<Cell[]> {
    const ranges = new RangeCache();
    // A second round only when a version changed between the two reads; a third would mean the table drops answers.
    for (let round = 0; round < 3; round++) {
      const { cells, unanswered } = await decide();
      if (!unanswered.length) return cells;
      await recordRangeAnswers(
        this.db.manager,
        unanswered.map(({ range, version }) => ({
          range,
          version,
          satisfied: ranges.satisfies(range, version === UNKNOWN_VERSION ? null : version),
        })),
      );
    }
    throw new Error('version_range_matches keeps lacking answers just recorded');
  }

  async compatibleProducts(ctx: RequestContext, args: CompatibleProductsArgs): Promise<CompatibleProducts> {
    await this.assertOrganization(ctx, args.organizationId, 'organizationId');
    const category = await this.categories.resolve(ctx, args.category, 'category');
    const kinds = await this.kindsThatMatter([category.id]);
    const landscape = (await this.landscape(args.organizationId)).filter((row) =>
      kinds.some((k) => k.id === row.system.kindId),
    );
    const products = await this.db.manager.find(Product, { where: { categoryId: category.id } });
    const checks = await this.checksFor(products, landscape);
    const fits = products.map((product) => this.fit(ctx, product, checks.get(product.id) ?? []));
    const byName = (a: ProductFit, b: ProductFit) =>
      a.product.name.localeCompare(b.product.name, 'sv') || a.product.id.localeCompare(b.product.id);
    const rank = (level: EvidenceLevel | null) => (level ? EVIDENCE_RANK[level] : 0);
    return {
      organizationId: args.organizationId,
      category,
      systemKinds: kinds,
      consideredSystems: landscape.map((row) => row.organizationSystem),
      compatible: fits
        .filter((f) => f.compatible)
        .sort(
          (a, b) =>
            Number(a.partial) - Number(b.partial) || rank(b.weakestEvidence) - rank(a.weakestEvidence) || byName(a, b),
        ),
      excluded: fits.filter((f) => !f.compatible).sort(byName),
    };
  }

  /**
   * For call-offs: how the product's current version fares with each system the organisation runs of the
   * kinds that matter for its category, when that is not SUPPORTED.
   */
  async compatibilityWarnings(ctx: RequestContext, organizationId: string, productId: string): Promise<SystemCheck[]> {
    return (await this.fitInLandscape(ctx, organizationId, productId)).checks;
  }

  /**
   * For call-offs: the checks of `compatibilityWarnings`, and the kinds that matter for the product's category
   * of which the organisation runs no system at all (its compatibility there cannot be known).
   */
  async fitInLandscape(
    ctx: RequestContext,
    organizationId: string,
    productId: string,
  ): Promise<{ checks: SystemCheck[]; missingKinds: SystemKind[] }> {
    const product = await this.products.get(ctx, productId, 'productId');
    const kinds = await this.kindsThatMatter([product.categoryId]);
    const landscape = (await this.landscape(organizationId)).filter((row) =>
      kinds.some((k) => k.id === row.system.kindId),
    );
    const checks = await this.checksFor([product], landscape);
    return {
      checks: (checks.get(product.id) ?? []).filter((check) => check.status !== CompatibilityStatus.SUPPORTED),
      missingKinds: kinds.filter((kind) => !landscape.some((row) => row.system.kindId === kind.id)),
    };
  }

  async upgradeImpact(ctx: RequestContext, args: UpgradeImpactArgs): Promise<UpgradeImpact> {
    await this.assertOrganization(ctx, args.organizationId, 'organizationId');
    const system = await this.systems.get(ctx, args.systemId, 'systemId');
    const running = await this.db.manager.findOneBy(OrganizationSystem, {
      organizationId: args.organizationId,
      systemId: system.id,
    });
    if (!running) throw CatalogError.SYSTEM_NOT_RUN({ field: 'systemId' });
    const statements = await this.db.manager.find(CompatibilityStatement, {
      where: { systemId: system.id, supersededAt: IsNull() },
    });
    const productIds = [...new Set(statements.map((s) => s.productId))];
    const products = productIds.length ? await this.db.manager.find(Product, { where: { id: In(productIds) } }) : [];
    const byProduct = indexByPair(statements);
    const ranges = new RangeCache();
    const items: UpgradeImpactItem[] = [];
    for (const product of products) {
      const candidates = byProduct.get(pairKey(product.id, system.id));
      const today = statementFor(candidates, product.currentVersion, running.version, ranges);
      if (!today || (today.status !== CompatibilityStatus.SUPPORTED && today.status !== CompatibilityStatus.PARTIAL))
        continue;
      const atTarget = statementFor(candidates, product.currentVersion, args.toVersion, ranges);
      const statusAtTarget = atTarget?.status ?? CompatibilityStatus.UNKNOWN;
      items.push({
        product,
        productVersion: product.currentVersion,
        today,
        atTarget,
        statusAtTarget,
        change: changeOf(today.status, statusAtTarget),
      });
    }
    const byName = (a: UpgradeImpactItem, b: UpgradeImpactItem) =>
      a.product.name.localeCompare(b.product.name, 'sv') || a.product.id.localeCompare(b.product.id);
    return {
      organizationId: args.organizationId,
      system,
      fromVersion: running.version,
      toVersion: args.toVersion,
      affected: items.filter((i) => i.change !== ImpactChange.HOLDS).sort(byName),
      unaffected: items.filter((i) => i.change === ImpactChange.HOLDS).sort(byName),
    };
  }

  private async assertOrganization(ctx: RequestContext, organizationId: string, field: string): Promise<void> {
    if (!(await this.organizations.load(ctx, organizationId))) throw CatalogError.ORGANIZATION_NOT_FOUND({ field });
  }

  /** The system kinds some current statement about a product of these categories is about. */
  private kindsThatMatter(categoryIds: string[]): Promise<SystemKind[]> {
    return this.db.manager
      .createQueryBuilder(SystemKind, 'k')
      .where(
        `EXISTS (SELECT 1 FROM compatibility_statements cs JOIN products p ON p.id = cs.product_id JOIN systems s ON s.id = cs.system_id
                 WHERE s.kind_id = k.id AND p.category_id = ANY(:categoryIds) AND cs.superseded_at IS NULL)`,
        { categoryIds },
      )
      .orderBy('k.sort_order')
      .getMany();
  }

  private async landscape(organizationId: string): Promise<LandscapeRow[]> {
    const rows = await this.db.manager
      .createQueryBuilder(OrganizationSystem, 'os')
      .innerJoinAndMapOne('os.system', System, 's', 's.id = os.system_id')
      .innerJoinAndMapOne('os.kind', SystemKind, 'k', 'k.id = s.kind_id')
      .where('os.organization_id = :organizationId', { organizationId })
      .orderBy('k.sort_order')
      .addOrderBy('lower(s.name)')
      .getMany();
    return rows.map((row) => {
      const joined = row as OrganizationSystem & { system: System; kind: SystemKind };
      const { system, kind, ...organizationSystem } = joined;
      return {
        organizationSystem: Object.assign(new OrganizationSystem(), organizationSystem),
        system,
        kindKey: kind.key,
      };
    });
  }

  /** One check per product and system of the landscape, from one statement over all the pairs. */
  private async checksFor(products: Product[], landscape: LandscapeRow[]): Promise<Map<string, SystemCheck[]>> {
    const result = new Map<string, SystemCheck[]>();
    if (!products.length || !landscape.length) return result;
    const statements = await this.db.manager.find(CompatibilityStatement, {
      where: {
        productId: In(products.map((p) => p.id)),
        systemId: In(landscape.map((row) => row.system.id)),
        supersededAt: IsNull(),
      },
    });
    const index = indexByPair(statements);
    const ranges = new RangeCache();
    for (const product of products) {
      result.set(
        product.id,
        landscape.map(({ organizationSystem, system, kindKey }) => {
          const holding = statementFor(
            index.get(pairKey(product.id, system.id)),
            product.currentVersion,
            organizationSystem.version,
            ranges,
          );
          return {
            systemId: system.id,
            systemName: system.name,
            vendorName: system.vendorName,
            kindKey,
            systemVersion: organizationSystem.version,
            productVersion: product.currentVersion,
            status: holding?.status ?? CompatibilityStatus.UNKNOWN,
            evidence: holding?.evidence ?? null,
            note: holding?.note ?? null,
            statementId: holding?.id ?? null,
            originNodeId: holding?.originNodeId ?? null,
            originName: holding?.originName ?? null,
          };
        }),
      );
    }
    return result;
  }

  private fit(ctx: RequestContext, product: Product, checks: SystemCheck[]): ProductFit {
    const sv = ctx.lang !== 'en';
    const reasons: string[] = [];
    if (!product.currentVersion && checks.length)
      reasons.push(sv ? 'Produkten har ingen aktuell version.' : 'The product has no current version.');
    for (const check of checks) {
      const by = check.originName ? (sv ? ` (enligt ${check.originName})` : ` (according to ${check.originName})`) : '';
      const target = `${check.systemName} ${check.systemVersion}${by}`;
      if (check.status === CompatibilityStatus.NOT_SUPPORTED)
        reasons.push(sv ? `Fungerar inte med ${target}.` : `Not supported with ${target}.`);
      else if (check.status === CompatibilityStatus.UNKNOWN)
        reasons.push(sv ? `Okänt om den fungerar med ${target}.` : `Unknown whether it works with ${target}.`);
      else if (check.status === CompatibilityStatus.PARTIAL)
        reasons.push(
          sv
            ? `Fungerar delvis med ${target}: ${check.note ?? ''}`
            : `Partly supported with ${target}: ${check.note ?? ''}`,
        );
    }
    const compatible = checks.every(
      (c) => c.status === CompatibilityStatus.SUPPORTED || c.status === CompatibilityStatus.PARTIAL,
    );
    return {
      product,
      productVersion: product.currentVersion,
      compatible,
      partial: compatible && checks.some((c) => c.status === CompatibilityStatus.PARTIAL),
      weakestEvidence: weakestEvidence(checks.map((c) => c.evidence)),
      checks,
      reasons,
    };
  }
}

function changeOf(today: CompatibilityStatus, atTarget: CompatibilityStatus): ImpactChange {
  if (atTarget === CompatibilityStatus.NOT_SUPPORTED) return ImpactChange.BREAKS;
  if (atTarget === CompatibilityStatus.UNKNOWN) return ImpactChange.BECOMES_UNKNOWN;
  if (today === CompatibilityStatus.SUPPORTED && atTarget === CompatibilityStatus.PARTIAL) return ImpactChange.DEGRADES;
  return ImpactChange.HOLDS;
}
