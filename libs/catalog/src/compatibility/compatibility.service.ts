import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In, IsNull } from 'typeorm';
import { assertReferencesExist, AuditService, Clock, Db, type RequestContext } from '#core';
import { CompatibilityStatement } from './compatibility-statement.entity.js';
import { StandardConformance } from './standard-conformance.entity.js';
import { CompatibilityStatus, ConformanceRole, EvidenceLevel } from './compatibility-enums.js';
import { VersionRange } from './version-range.js';
import type { AssertCompatibilityInput } from './dto/assert-compatibility.input.js';
import type { RecordStandardConformanceInput } from './dto/record-standard-conformance.input.js';
import type { CompatibilityHistoryArgs, StandardConformancesArgs } from './dto/compatibility.args.js';
import { CatalogError } from '../catalog.errors.js';
import { CatalogPolicy } from '../catalog.policy.js';
import { Product } from '../product/product.entity.js';
import { ProductService } from '../product/product.service.js';
import { System } from '../system/system.entity.js';
import { Standard } from '../system/standard.entity.js';
import { SystemService } from '../system/system.service.js';

/** What a statement says, once validated; shared by `assertCompatibility` and production evidence from follow-ups. */
export interface StatementDraft {
  productId: string;
  productVersions: string;
  systemId: string | null;
  systemVersions: string | null;
  standardId: string | null;
  status: CompatibilityStatus;
  evidence: EvidenceLevel;
  note: string | null;
  sourceNote: string | null;
  testProtocolId: string | null;
  implementationId: string | null;
}

/** For the follow-up domain: a product verified (or not) in production with a system, from an implementation. */
export interface ProductionEvidence {
  productId: string;
  /** Range of product versions the follow-up covers; usually the one version in use, e.g. `2.1`. */
  productVersions: string;
  systemId: string;
  systemVersions: string;
  implementationId: string;
  status?: CompatibilityStatus;
  note?: string | null;
  sourceNote?: string | null;
}

/** Parses a range or throws BAD_USER_INPUT naming the field. */
export function rangeOrThrow(text: string | null | undefined, field: string): VersionRange {
  const parsed = VersionRange.parse(text);
  if (parsed === 'EMPTY') throw CatalogError.RANGE_EMPTY({ field, params: { field } });
  if (parsed === 'UNPARSABLE') throw CatalogError.RANGE_UNPARSABLE({ field, params: { field, range: text ?? '' } });
  if (parsed === 'UNSATISFIABLE')
    throw CatalogError.RANGE_UNSATISFIABLE({ field, params: { field, range: text ?? '' } });
  return parsed;
}

@Injectable()
export class CompatibilityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly products: ProductService,
    private readonly systems: SystemService,
  ) {}

  async assert(ctx: RequestContext, input: AssertCompatibilityInput): Promise<CompatibilityStatement> {
    CatalogPolicy.assertMaintains(ctx);
    if (!input.systemId === !input.standardId) throw CatalogError.TARGET_REQUIRED({ field: 'input.systemId' });
    if (input.standardId && input.systemVersions != null)
      throw CatalogError.SYSTEM_VERSIONS_WITHOUT_SYSTEM({ field: 'input.systemVersions' });
    const productVersions = rangeOrThrow(input.productVersions, 'input.productVersions');
    const systemVersions = input.systemId ? rangeOrThrow(input.systemVersions ?? '*', 'input.systemVersions') : null;
    if (input.status === CompatibilityStatus.PARTIAL && !input.note)
      throw CatalogError.NOTE_REQUIRED({ field: 'input.note' });
    if (input.evidence === EvidenceLevel.COUNTY_TESTED && !input.testProtocolId)
      throw CatalogError.TEST_PROTOCOL_REQUIRED({ field: 'input.testProtocolId' });
    return this.db.transaction(async (tx) => {
      if (input.systemId && !(await tx.existsBy(System, { id: input.systemId })))
        throw CatalogError.SYSTEM_NOT_FOUND({ field: 'input.systemId' });
      if (input.standardId && !(await tx.existsBy(Standard, { id: input.standardId })))
        throw CatalogError.STANDARD_NOT_FOUND({ field: 'input.standardId' });
      await assertReferencesExist(
        tx,
        'test_protocols',
        input.testProtocolId ? [input.testProtocolId] : [],
        'input.testProtocolId',
        'Test protocol',
      );
      await assertReferencesExist(
        tx,
        'implementations',
        input.implementationId ? [input.implementationId] : [],
        'input.implementationId',
        'Implementation',
      );
      return this.record(
        ctx,
        tx,
        {
          productId: input.productId,
          productVersions: productVersions.text,
          systemId: input.systemId ?? null,
          systemVersions: systemVersions?.text ?? null,
          standardId: input.standardId ?? null,
          status: input.status,
          evidence: input.evidence,
          note: input.note ?? null,
          sourceNote: input.sourceNote ?? null,
          testProtocolId: input.testProtocolId ?? null,
          implementationId: input.implementationId ?? null,
        },
        'input.productId',
      );
    });
  }

  /**
   * Called by the follow-up domain inside its own transaction when a follow-up shows a product working (or
   * not) with a system in production. Supersedes overlapping statements like any other assertion.
   */
  async recordProductionEvidence(
    ctx: RequestContext,
    tx: EntityManager,
    evidence: ProductionEvidence,
  ): Promise<CompatibilityStatement> {
    const productVersions = rangeOrThrow(evidence.productVersions, 'productVersions');
    const systemVersions = rangeOrThrow(evidence.systemVersions, 'systemVersions');
    const status = evidence.status ?? CompatibilityStatus.SUPPORTED;
    if (status === CompatibilityStatus.PARTIAL && !evidence.note) throw CatalogError.NOTE_REQUIRED({ field: 'note' });
    if (!(await tx.existsBy(System, { id: evidence.systemId })))
      throw CatalogError.SYSTEM_NOT_FOUND({ field: 'systemId' });
    await assertReferencesExist(
      tx,
      'implementations',
      [evidence.implementationId],
      'implementationId',
      'Implementation',
    );
    return this.record(
      ctx,
      tx,
      {
        productId: evidence.productId,
        productVersions: productVersions.text,
        systemId: evidence.systemId,
        systemVersions: systemVersions.text,
        standardId: null,
        status,
        evidence: EvidenceLevel.VERIFIED_IN_PRODUCTION,
        note: evidence.note ?? null,
        sourceNote: evidence.sourceNote ?? null,
        testProtocolId: null,
        implementationId: evidence.implementationId,
      },
      'productId',
    );
  }

  /** Inserts the statement and supersedes the current ones of the same pair whose ranges overlap it. */
  private async record(
    ctx: RequestContext,
    tx: EntityManager,
    draft: StatementDraft,
    productField: string,
  ): Promise<CompatibilityStatement> {
    // The product row lock serialises statements about one product, so two overlapping ones cannot both stay current.
    const product = await tx.findOne(Product, { where: { id: draft.productId }, lock: { mode: 'pessimistic_write' } });
    if (!product) throw CatalogError.PRODUCT_NOT_FOUND({ field: productField });
    const now = this.clock.now();
    const current = await tx.find(CompatibilityStatement, {
      where: {
        productId: draft.productId,
        systemId: draft.systemId ?? IsNull(),
        standardId: draft.standardId ?? IsNull(),
        supersededAt: IsNull(),
        // Another county's statements are superseded only by their own node.
        originNodeId: IsNull(),
      },
    });
    const newProduct = VersionRange.of(draft.productVersions);
    const newSystem = draft.systemVersions === null ? null : VersionRange.of(draft.systemVersions);
    const superseded = current.filter(
      (old) =>
        VersionRange.of(old.productVersions).overlaps(newProduct) &&
        (newSystem === null || old.systemVersions === null || VersionRange.of(old.systemVersions).overlaps(newSystem)),
    );
    const statement = tx.create(CompatibilityStatement, {
      ...draft,
      assertedById: ctx.auditUserId,
      assertedAt: now,
      supersededByStatementId: null,
      supersededAt: null,
      supersededByUserId: null,
    });
    await tx.insert(CompatibilityStatement, statement);
    if (superseded.length) {
      await tx.update(
        CompatibilityStatement,
        { id: In(superseded.map((s) => s.id)) },
        { supersededByStatementId: statement.id, supersededAt: now, supersededByUserId: ctx.auditUserId },
      );
    }
    await this.audit.record(ctx, tx, {
      action: 'compatibility.asserted',
      entityType: 'CompatibilityStatement',
      entityId: statement.id,
      before: superseded.length ? { superseded } : null,
      after: statement,
    });
    return statement;
  }

  /** Every statement about the pair, newest first: the current ones and those they superseded. */
  async history(ctx: RequestContext, args: CompatibilityHistoryArgs): Promise<CompatibilityStatement[]> {
    if (!args.systemId === !args.standardId) throw CatalogError.TARGET_REQUIRED({ field: 'systemId' });
    await this.products.get(ctx, args.productId, 'productId');
    if (args.systemId) await this.systems.get(ctx, args.systemId, 'systemId');
    if (args.standardId && !(await this.systems.loadStandard(ctx, args.standardId)))
      throw CatalogError.STANDARD_NOT_FOUND({ field: 'standardId' });
    return this.db.manager.find(CompatibilityStatement, {
      where: {
        productId: args.productId,
        systemId: args.systemId ?? IsNull(),
        standardId: args.standardId ?? IsNull(),
      },
      order: { assertedAt: 'DESC', id: 'ASC' },
    });
  }

  /** The current statements of a product (for its page), batched per request. */
  currentOf(ctx: RequestContext, productId: string): Promise<CompatibilityStatement[]> {
    return ctx.loaders
      .manyByKey<string, CompatibilityStatement>(
        'currentStatements',
        (ids) =>
          this.db.manager.find(CompatibilityStatement, {
            where: { productId: In([...ids]), supersededAt: IsNull() },
            order: { assertedAt: 'DESC' },
          }),
        (s) => s.productId,
      )
      .load(productId);
  }

  async getStatement(_ctx: RequestContext, id: string): Promise<CompatibilityStatement> {
    const statement = await this.db.manager.findOneBy(CompatibilityStatement, { id });
    if (!statement) throw CatalogError.STATEMENT_NOT_FOUND({ field: 'id' });
    return statement;
  }

  async recordConformance(ctx: RequestContext, input: RecordStandardConformanceInput): Promise<StandardConformance> {
    CatalogPolicy.assertMaintains(ctx);
    const standard = await this.systems.resolveStandard(ctx, input.standard, 'input.standard');
    if (input.validFrom && input.validTo && input.validTo < input.validFrom)
      throw CatalogError.VALIDITY_INVERTED({ field: 'input.validTo' });
    return this.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Product, { id: input.productId })))
        throw CatalogError.PRODUCT_NOT_FOUND({ field: 'input.productId' });
      const conformance = tx.create(StandardConformance, {
        productId: input.productId,
        standardId: standard.id,
        role: input.role ?? null,
        certificateId: input.certificateId ?? null,
        testSpecificationVersion: input.testSpecificationVersion ?? null,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        note: input.note ?? null,
        recordedById: ctx.auditUserId,
        recordedAt: this.clock.now(),
      });
      await tx.insert(StandardConformance, conformance);
      await this.audit.record(ctx, tx, {
        action: 'standardConformance.recorded',
        entityType: 'StandardConformance',
        entityId: conformance.id,
        after: conformance,
      });
      return conformance;
    });
  }

  /** Products conforming to a standard, e.g. every SCAIP-certified alarm on the sender side, valid today. */
  async conformancesTo(ctx: RequestContext, args: StandardConformancesArgs): Promise<StandardConformance[]> {
    const standard = await this.systems.resolveStandard(ctx, args.standard, 'standard');
    const qb = this.db.manager
      .createQueryBuilder(StandardConformance, 'c')
      .where('c.standard_id = :standard', { standard: standard.id });
    if (args.role) qb.andWhere('c.role IN (:...roles)', { roles: [args.role, ConformanceRole.BOTH] });
    if (!args.includeExpired) {
      qb.andWhere('(c.valid_to IS NULL OR c.valid_to >= :today) AND (c.valid_from IS NULL OR c.valid_from <= :today)', {
        today: this.clock.today(),
      });
    }
    return qb.orderBy('c.recorded_at', 'DESC').addOrderBy('c.id').getMany();
  }

  conformancesOf(ctx: RequestContext, productId: string): Promise<StandardConformance[]> {
    return ctx.loaders
      .manyByKey<string, StandardConformance>(
        'standardConformances',
        (ids) =>
          this.db.manager.find(StandardConformance, {
            where: { productId: In([...ids]) },
            order: { recordedAt: 'DESC' },
          }),
        (c) => c.productId,
      )
      .load(productId);
  }
}
