import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { AuditService, Clock, Db, type RequestContext } from '#core';
import { TechnologyCategoryService } from '#catalog';
import { Indicator, IndicatorSet } from './indicator-set.entity.js';
import type { IndicatorDefinition } from './default-indicators.js';
import { nextIndicatorSetVersion } from './indicator.queries.js';
import type { ConfigureIndicatorSetInput } from './dto/configure-indicator-set.input.js';
import { FollowUpPolicy } from '../followup.policy.js';
import { FollowUpError } from '../followup.errors.js';

@Injectable()
export class IndicatorService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  /** A new version for the category (or the default): follow-ups opened from now on answer against it. */
  async configure(ctx: RequestContext, input: ConfigureIndicatorSetInput): Promise<IndicatorSet> {
    FollowUpPolicy.assertConfiguresIndicators(ctx);
    const categoryId = input.category
      ? (await this.categories.resolve(ctx, input.category, 'input.category')).id
      : null;
    const seen = new Set<string>();
    input.indicators.forEach((indicator, index) => {
      if (seen.has(indicator.key))
        throw FollowUpError.DUPLICATE_INDICATOR({
          field: `input.indicators.${index}.key`,
          params: { key: indicator.key },
        });
      seen.add(indicator.key);
    });
    return this.db.transaction(async (tx) => {
      const set = await this.insertVersion(tx, categoryId, input.indicators, ctx.auditUserId);
      await this.audit.record(ctx, tx, {
        action: 'indicatorSet.configured',
        entityType: 'IndicatorSet',
        entityId: set.id,
        after: { ...set, indicators: input.indicators },
      });
      return set;
    });
  }

  /** Inserts the next version; the unique (category, version) key turns a concurrent configure into CONFLICT. */
  async insertVersion(
    tx: EntityManager,
    categoryId: string | null,
    indicators: readonly IndicatorDefinition[],
    userId: string | null,
  ): Promise<IndicatorSet> {
    const next = await nextIndicatorSetVersion(tx, categoryId);
    const set = tx.create(IndicatorSet, {
      categoryId,
      version: next,
      createdByUserId: userId,
      createdAt: this.clock.now(),
    });
    await tx.insert(IndicatorSet, set);
    await tx.insert(
      Indicator,
      indicators.map((i, index) => ({
        indicatorSetId: set.id,
        key: i.key,
        labelSv: i.labelSv,
        labelEn: i.labelEn,
        type: i.type,
        unit: i.unit ?? null,
        required: i.required,
        sortOrder: index + 1,
      })),
    );
    return set;
  }

  /** The set a follow-up of this category answers now: the category's latest version, else the default's. */
  async currentFor(tx: EntityManager, categoryId: string): Promise<IndicatorSet | null> {
    return tx
      .createQueryBuilder(IndicatorSet, 's')
      .where('s.category_id = :categoryId OR s.category_id IS NULL', { categoryId })
      .orderBy('s.category_id IS NULL', 'ASC')
      .addOrderBy('s.version', 'DESC')
      .getOne();
  }

  /** Current sets (one per configured category plus the default), or every version. */
  async list(
    ctx: RequestContext,
    category: string | null | undefined,
    includeHistory: boolean,
  ): Promise<IndicatorSet[]> {
    const qb = this.db.manager.createQueryBuilder(IndicatorSet, 's');
    if (category) {
      const { id } = await this.categories.resolve(ctx, category, 'category');
      qb.where('(s.category_id = :id OR s.category_id IS NULL)', { id });
    }
    if (!includeHistory) {
      qb.andWhere(
        's.version = (SELECT max(x.version) FROM indicator_sets x WHERE x.category_id IS NOT DISTINCT FROM s.category_id)',
      );
    }
    return qb
      .orderBy('s.category_id IS NULL', 'DESC')
      .addOrderBy('s.category_id')
      .addOrderBy('s.version', 'DESC')
      .getMany();
  }

  async indicatorsOf(ctx: RequestContext, setId: string): Promise<Indicator[]> {
    const rows = await ctx.loaders
      .manyByKey<string, Indicator>(
        'indicators',
        (ids) => this.db.manager.findBy(Indicator, { indicatorSetId: In([...ids]) }),
        (i) => i.indicatorSetId,
      )
      .load(setId);
    return [...rows].sort((a, b) => a.sortOrder - b.sortOrder);
  }

  load(ctx: RequestContext, id: string): Promise<IndicatorSet | null> {
    return ctx.loaders
      .byKey<string, IndicatorSet>(
        'indicatorSet',
        (ids) => this.db.manager.findBy(IndicatorSet, { id: In([...ids]) }),
        (s) => s.id,
      )
      .load(id);
  }
}
