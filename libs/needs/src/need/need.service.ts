import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService, Clock, type ConnectionResult, Db, Organization, OrganizationService, type PageArgs, paginate, preload, type RequestContext, type SortKey, Visibility, escapeLike } from '#core';
import { TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { Need } from './need.entity.js';
import type { SimilarNeed } from './similar-need.type.js';
import { NeedStatusChange } from './need-status-change.entity.js';
import { NeedSort, NeedStatus, NeedUrgency } from './need.enums.js';
import type { ReportNeedInput } from './dto/report-need.input.js';
import type { NeedsArgs, SimilarNeedsArgs } from './dto/needs.args.js';
import { NeedPolicy } from '../needs.policy.js';
import { NeedError } from '../needs.errors.js';

/** Any of the draft's words, stemmed with the Swedish configuration (plainto_tsquery alone requires all). */
const ANY_WORD_QUERY = `replace(plainto_tsquery('swedish', :similarText)::text, ' & ', ' | ')::tsquery`;

const NEWEST: SortKey<Need>[] = [
  { expression: 'n.created_at', direction: 'DESC', value: (n) => n.createdAt },
  { expression: 'n.id', direction: 'DESC', value: (n) => n.id },
];
const MOST_SHARED: SortKey<Need>[] = [
  { expression: 'n.endorsement_count', direction: 'DESC', value: (n) => n.endorsementCount },
  { expression: 'n.people_affected', direction: 'DESC', value: (n) => n.peopleAffected },
  ...NEWEST,
];

@Injectable()
export class NeedService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
    private readonly organizations: OrganizationService,
  ) {}

  /** Anyone in a member organisation reports; the reporter's organisation owns the need. */
  async report(ctx: RequestContext, input: ReportNeedInput): Promise<Need> {
    const actor = ctx.user;
    const category = input.category ? await this.categories.resolve(ctx, input.category, 'input.category') : null;
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const need = tx.create(Need, {
        organizationId: actor.organizationId,
        reporterUserId: actor.userId,
        title: input.title,
        description: input.description,
        targetGroup: input.targetGroup,
        setting: input.setting,
        source: input.source,
        categoryId: category?.id ?? null,
        urgency: input.urgency ?? NeedUrgency.MEDIUM,
        hardToReach: input.hardToReach ?? false,
        estimatedPeopleAffected: input.estimatedPeopleAffected ?? null,
        status: NeedStatus.NEW,
        statusReason: null,
        statusChangedAt: now,
        mergedIntoId: null,
        endorsementCount: 0,
        peopleAffected: input.estimatedPeopleAffected ?? 0,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(Need, need);
      await tx.insert(NeedStatusChange, { needId: need.id, fromStatus: null, toStatus: NeedStatus.NEW, reason: null, changedByUserId: ctx.auditUserId, changedAt: now });
      await this.audit.record(ctx, tx, { action: 'need.reported', entityType: 'Need', entityId: need.id, after: need });
      return need;
    });
  }

  /** A need the caller may see (MERGED ones too: they point at the survivor); otherwise NOT_FOUND. */
  async get(ctx: RequestContext, id: string, field = 'id'): Promise<Need> {
    const need = await this.load(ctx, id);
    if (!need) throw NeedError.NOT_FOUND({ field });
    NeedPolicy.assertCanSee(ctx, need, field);
    return need;
  }

  /** Loads without checking visibility: for field resolvers that check it themselves. */
  load(ctx: RequestContext, id: string): Promise<Need | null> {
    return ctx.loaders.byKey<string, Need>('need', (ids) => this.db.manager.findBy(Need, { id: In([...ids]) }), (n) => n.id).load(id);
  }

  async loadVisible(ctx: RequestContext, id: string | null): Promise<Need | null> {
    if (!id) return null;
    const need = await this.load(ctx, id);
    return need && NeedPolicy.canSee(ctx, need) ? need : null;
  }

  /** Needs merged into this one (the trail of duplicates). */
  mergedInto(ctx: RequestContext, needId: string): Promise<Need[]> {
    return ctx.loaders
      .manyByKey<string, Need>('needsMergedInto', (ids) => this.db.manager.find(Need, { where: { mergedIntoId: In([...ids]) }, order: { statusChangedAt: 'ASC' } }), (n) => n.mergedIntoId!)
      .load(needId);
  }

  /**
   * A page of needs reads their organisation and category in the same statement; the fields answer from them
   * (and the loaders know them): with the signed-in user's read, a page costs two statements.
   */
  async list(ctx: RequestContext, args: NeedsArgs): Promise<ConnectionResult<Need>> {
    const qb = this.db.manager
      .createQueryBuilder(Need, 'n')
      .leftJoinAndMapOne('n.pagedOrganization', Organization, 'paged_organization', 'paged_organization.id = n.organization_id')
      .leftJoinAndMapOne('n.pagedCategory', TechnologyCategory, 'paged_category', 'paged_category.id = n.category_id');
    Visibility.scope(ctx, qb, NeedPolicy.scope('n'));
    if (args.organizationId) qb.andWhere('n.organization_id = :organizationId', { organizationId: args.organizationId });
    if (args.category) qb.andWhere('n.category_id = :categoryId', { categoryId: (await this.categories.resolve(ctx, args.category, 'category')).id });
    if (args.setting) qb.andWhere('n.setting = :setting', { setting: args.setting });
    if (args.statuses?.length) qb.andWhere('n.status IN (:...statuses)', { statuses: args.statuses });
    else qb.andWhere(`n.status <> 'MERGED'`);
    if (args.search) {
      qb.andWhere(`(n.search_vector @@ websearch_to_tsquery('swedish', :search) OR n.title ILIKE :like)`, { search: args.search, like: `%${escapeLike(args.search)}%` });
    }
    const page = await paginate(qb, args, args.sort === NeedSort.MOST_SHARED ? MOST_SHARED : NEWEST, { plainRows: true });
    for (const need of page.nodes as (Need & { pagedOrganization?: Organization; pagedCategory?: TechnologyCategory })[]) {
      if (need.pagedOrganization) this.organizations.prime(ctx, need.pagedOrganization);
      this.categories.prime(ctx, need.pagedCategory);
      preload(need, 'organization', need.pagedOrganization ?? null);
      preload(need, 'category', need.pagedCategory ?? null);
      delete need.pagedOrganization;
      delete need.pagedCategory;
    }
    return page;
  }

  /** The caller's own reports, newest first, with their current status and latest reason. */
  mine(ctx: RequestContext, page: PageArgs): Promise<ConnectionResult<Need>> {
    const qb = this.db.manager.createQueryBuilder(Need, 'n').where('n.reporter_user_id = :me', { me: ctx.userId });
    return paginate(qb, page, NEWEST);
  }

  /**
   * Before filing: existing needs across the county that resemble the draft, so the reporter can endorse
   * instead of duplicating. Merged needs are left out (their survivor is found instead).
   */
  async similar(ctx: RequestContext, args: SimilarNeedsArgs): Promise<SimilarNeed[]> {
    const similarText = [args.title, args.description].filter(Boolean).join(' ');
    const score = `(0.6 * similarity(n.title, :similarTitle) + 0.4 * ts_rank(n.search_vector, ${ANY_WORD_QUERY}, 32))`;
    const qb = this.db.manager
      .createQueryBuilder(Need, 'n')
      .addSelect(score, 'similar_score')
      .where(`(n.search_vector @@ ${ANY_WORD_QUERY} OR n.title % :similarTitle)`)
      .andWhere('n.status NOT IN (:...closed)', { closed: args.includeDeclined ? [NeedStatus.MERGED] : [NeedStatus.MERGED, NeedStatus.DECLINED] })
      .setParameters({ similarText, similarTitle: args.title });
    Visibility.scope(ctx, qb, NeedPolicy.scope('n'));
    const { raw, entities } = await qb.orderBy('similar_score', 'DESC').addOrderBy('n.id', 'ASC').limit(args.first ?? 5).getRawAndEntities<{ n_id: string; similar_score: string | number }>();
    const scores = new Map(raw.map((row) => [row.n_id, Number(row.similar_score)]));
    return entities.map((need) => ({ need, score: Math.round((scores.get(need.id) ?? 0) * 1000) / 1000 }));
  }

  /**
   * For later steps of the thread (tests, procurements) linking needs inside their transaction: every id
   * exists and is visible (NOT_FOUND naming the field otherwise) and none is merged (CONFLICT naming the
   * survivor). Returns the needs in the order given.
   */
  async assertLinkable(ctx: RequestContext, tx: EntityManager, needIds: readonly string[], field: string): Promise<Need[]> {
    const unique = [...new Set(needIds)];
    if (unique.length === 0) return [];
    // FOR SHARE: a concurrent merge or status change waits until the caller's link is committed.
    const rows = await tx.find(Need, { where: { id: In(unique) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_read' } });
    const found = new Map(rows.map((n) => [n.id, n]));
    return unique.map((id) => {
      const need = found.get(id);
      const at = `${field}.${needIds.indexOf(id)}`;
      if (!need || !NeedPolicy.canSee(ctx, need)) throw NeedError.NOT_FOUND({ field: at });
      if (need.status === NeedStatus.MERGED) throw NeedError.MERGED({ field: at, params: { mergedIntoId: need.mergedIntoId ?? '' } });
      return need;
    });
  }
}

