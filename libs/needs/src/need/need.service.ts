import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { type EntityManager, In, type SelectQueryBuilder } from 'typeorm';
import {
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  Organization,
  OrganizationService,
  type ListSpec,
  type PageArgs,
  paginate,
  plannedPage,
  preload,
  type RequestContext,
  type SortKey,
  type SqlFragment,
  Visibility,
  escapeLike,
  sql,
  whereFragment,
} from '#core';
import { TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { Need } from './need.entity.js';
import type { SimilarNeed, SimilarNeedsAwaitingTriage } from './similar-need.type.js';
import { NeedStatusChange } from './need-status-change.entity.js';
import { NeedSort, NeedStatus, NeedUrgency } from './need.enums.js';
import type { ReportNeedInput } from './dto/report-need.input.js';
import type { NeedsArgs, SimilarNeedsArgs, SimilarNeedsAwaitingTriageArgs } from './dto/needs.args.js';
import { NeedPolicy } from '../needs.policy.js';
import { NeedError } from '../needs.errors.js';
import {
  candidateIds,
  likeness,
  possibleDuplicateRows,
  type PossibleDuplicateRow,
  SIMILAR_FLOOR,
} from './need.queries.js';

/** Reads each need's organisation in the same statement; `takeJoinedOrganization` hands it to the loader. */
function joinOrganization(qb: SelectQueryBuilder<Need>): SelectQueryBuilder<Need> {
  return qb.leftJoinAndMapOne(
    'n.joinedOrganization',
    Organization,
    'joined_organization',
    'joined_organization.id = n.organization_id',
  );
}
/** Never candidates: a merged need's survivor is found instead; a declined one only when asked for. */
const CLOSED = [NeedStatus.MERGED, NeedStatus.DECLINED];

const NEWEST: SortKey<Need>[] = [
  { expression: 'n.created_at', direction: 'DESC', value: (n) => n.createdAt },
  { expression: 'n.id', direction: 'DESC', value: (n) => n.id },
];
const MOST_SHARED: SortKey<Need>[] = [
  { expression: 'n.endorsement_count', direction: 'DESC', value: (n) => n.endorsementCount },
  { expression: 'n.people_affected', direction: 'DESC', value: (n) => n.peopleAffectedSum },
  ...NEWEST,
];

/** The needs page's planned path (see plannedPage): a need with its organisation and category joined. */
const NEED_LIST: ListSpec = {
  entity: Need,
  alias: 'n',
  relations: {
    organization: {
      entity: Organization,
      alias: 'joined_organization',
      on: 'joined_organization.id = n.organization_id',
    },
    category: { entity: TechnologyCategory, alias: 'paged_category', on: 'paged_category.id = n.category_id' },
  },
  // NeedFieldsResolver.peopleAffectedIfKnown's rule.
  computed: { peopleAffected: 'CASE WHEN n.people_affected_known THEN n.people_affected END' },
};

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
        publishedAt: null,
        endorsementCount: 0,
        peopleAffectedSum: input.estimatedPeopleAffected ?? 0,
        peopleAffectedKnown: input.estimatedPeopleAffected != null,
        // Computed by Postgres (people_affected_if_known); set here for the answer to this request.
        peopleAffected: input.estimatedPeopleAffected ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(Need, need);
      await tx.insert(NeedStatusChange, {
        needId: need.id,
        fromStatus: null,
        toStatus: NeedStatus.NEW,
        reason: null,
        changedByUserId: ctx.auditUserId,
        changedAt: now,
      });
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
    return ctx.loaders
      .byKey<string, Need>(
        'need',
        (ids) => this.db.manager.findBy(Need, { id: In([...ids]) }),
        (n) => n.id,
      )
      .load(id);
  }

  /** The organisation `joinOrganization` read with a need: the loader learns it, the need forgets the extra field. */
  private takeJoinedOrganization(ctx: RequestContext, need: Need): Organization | null {
    const joined = need as Need & { joinedOrganization?: Organization };
    const organization = joined.joinedOrganization ?? null;
    if (organization) this.organizations.prime(ctx, organization);
    delete joined.joinedOrganization;
    return organization;
  }

  /**
   * Needs by id with their organisation read in the same statement (the organisation loader learns it), so that a
   * page's likely duplicates cost one statement whichever organisations they come from.
   */
  private loadWithOrganization(ctx: RequestContext, id: string): Promise<Need | null> {
    return ctx.loaders
      .byKey<string, Need>(
        'needWithOrganization',
        async (ids) => {
          const needs = await joinOrganization(this.db.manager.createQueryBuilder(Need, 'n'))
            .where('n.id IN (:...ids)', { ids: [...ids] })
            .getMany();
          for (const need of needs) this.takeJoinedOrganization(ctx, need);
          return needs;
        },
        (n) => n.id,
      )
      .load(id);
  }

  async loadVisible(ctx: RequestContext, id: string | null): Promise<Need | null> {
    if (!id) return null;
    const need = await this.load(ctx, id);
    return need && NeedPolicy.canSee(ctx, need) ? need : null;
  }

  /** A need's id when the caller may see it, else null: ids of unpublished needs never show through links. */
  async visibleId(ctx: RequestContext, id: string | null): Promise<string | null> {
    return (await this.loadVisible(ctx, id))?.id ?? null;
  }

  /** Needs merged into this one (the trail of duplicates) that the caller may see. */
  async mergedInto(ctx: RequestContext, needId: string): Promise<Need[]> {
    const merged = await ctx.loaders
      .manyByKey<string, Need>(
        'needsMergedInto',
        (ids) =>
          this.db.manager.find(Need, { where: { mergedIntoId: In([...ids]) }, order: { statusChangedAt: 'ASC' } }),
        (n) => n.mergedIntoId!,
      )
      .load(needId);
    return merged.filter((need) => NeedPolicy.canSee(ctx, need));
  }

  /**
   * A page of needs: planned (one prepared statement with what the query asks for) when the query asks only for
   * columns, organisation and category; otherwise read as entities with organisation and category in the same
   * statement, the fields answering from them (and the loaders knowing them). With the user's read, two statements.
   */
  async list(ctx: RequestContext, args: NeedsArgs, info?: GraphQLResolveInfo): Promise<ConnectionResult<Need>> {
    const where: SqlFragment[] = [];
    const visible = Visibility.condition(ctx, NeedPolicy.scope('n'));
    if (visible) where.push(visible);
    if (args.organizationId) where.push(sql`n.organization_id = ${args.organizationId}`);
    if (args.category) {
      const category = (await this.categories.resolve(ctx, args.category, 'category')).id;
      where.push(sql`n.category_id = ${category}`);
    }
    if (args.setting) where.push(sql`n.setting = ${args.setting}`);
    if (args.statuses?.length) where.push(sql`n.status = ANY(${args.statuses})`);
    else where.push(sql`n.status <> 'MERGED'`);
    if (args.search) {
      const like = `%${escapeLike(args.search)}%`;
      where.push(sql`n.search_vector @@ websearch_to_tsquery('swedish', ${args.search}) OR n.title ILIKE ${like}`);
    }
    const sort = args.sort === NeedSort.MOST_SHARED ? MOST_SHARED : NEWEST;
    const planned = await plannedPage(this.db, info, NEED_LIST, { where, sort, page: args });
    if (planned) return planned;
    const qb = joinOrganization(this.db.manager.createQueryBuilder(Need, 'n')).leftJoinAndMapOne(
      'n.pagedCategory',
      TechnologyCategory,
      'paged_category',
      'paged_category.id = n.category_id',
    );
    for (const condition of where) whereFragment(qb, condition);
    const page = await paginate(qb, args, sort, { plainRows: true });
    for (const need of page.nodes as (Need & { pagedCategory?: TechnologyCategory })[]) {
      preload(need, 'organization', this.takeJoinedOrganization(ctx, need));
      this.categories.prime(ctx, need.pagedCategory);
      preload(need, 'category', need.pagedCategory ?? null);
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
    const { matches, score } = likeness('n', ':similarTitle', ':similarText');
    const closed = args.includeDeclined ? [NeedStatus.MERGED] : CLOSED;
    const qb = this.db.manager
      .createQueryBuilder(Need, 'n')
      .addSelect(score, 'similar_score')
      .where(`n.id IN (${candidateIds(':similarTitle', ':similarText', 'k.status NOT IN (:...closed)')})`)
      .andWhere(matches)
      .andWhere('n.status NOT IN (:...closed)', { closed })
      .andWhere(`${score} >= :floor`, { floor: SIMILAR_FLOOR })
      .setParameters({ similarText, similarTitle: args.title });
    Visibility.scope(ctx, qb, NeedPolicy.scope('n'));
    const { raw, entities } = await qb
      .orderBy('similar_score', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .limit(args.first ?? 5)
      .getRawAndEntities<{ n_id: string; similar_score: string | number }>();
    const scores = new Map(raw.map((row) => [row.n_id, Number(row.similar_score)]));
    return entities.map((need) => ({ need, score: Math.round((scores.get(need.id) ?? 0) * 1000) / 1000 }));
  }

  /**
   * For the drafter: how many needs of other organisations, like the draft, still await triage (which the
   * drafter may not see). Only a count: their text and ids stay with their organisations until triaged.
   */
  async similarAwaitingTriage(
    ctx: RequestContext,
    args: SimilarNeedsAwaitingTriageArgs,
  ): Promise<SimilarNeedsAwaitingTriage> {
    const { matches, score } = likeness('n', ':draftTitle', ':draftText');
    const count = await this.db.manager
      .createQueryBuilder(Need, 'n')
      .where(
        `n.id IN (${candidateIds(':draftTitle', ':draftText', 'k.status = :awaiting AND k.organization_id <> :mine')})`,
      )
      .andWhere(`n.status = :awaiting`, { awaiting: NeedStatus.NEW })
      .andWhere('n.organization_id <> :mine', { mine: ctx.organizationId })
      .andWhere(matches)
      .andWhere(`${score} >= :floor`, { floor: SIMILAR_FLOOR })
      .setParameters({ draftTitle: args.title, draftText: [args.title, args.description].filter(Boolean).join(' ') })
      .getCount();
    return { count };
  }

  /**
   * For node staff at triage: each NEW need's likely duplicates across the county, any organisation, best first
   * (merged needs left out: their survivor is found instead). Batched for a page of needs: one statement for
   * the candidates, one for the needs themselves.
   */
  async possibleDuplicates(ctx: RequestContext, need: Need): Promise<SimilarNeed[] | null> {
    if (!ctx.isNodeStaff) return null;
    if (need.status !== NeedStatus.NEW) return [];
    const matches = await ctx.loaders
      .manyByKey<string, PossibleDuplicateRow>(
        'possibleDuplicates',
        (ids) => possibleDuplicateRows(this.db.manager, [...ids]),
        (row) => row.sourceId,
      )
      .load(need.id);
    const candidates = await Promise.all(matches.map((m) => this.loadWithOrganization(ctx, m.candidateId)));
    return matches.flatMap((m, i) =>
      candidates[i] ? [{ need: candidates[i], score: Math.round(Number(m.score) * 1000) / 1000 }] : [],
    );
  }

  /**
   * Needs a later step takes over from an earlier one (an implementation from its call-off's procurement):
   * a merged need is replaced by its survivor (merges re-point earlier ones, so one step is enough); needs the
   * caller may not see are left out rather than refused, since the caller did not name them.
   */
  async inheritable(ctx: RequestContext, tx: EntityManager, needIds: readonly string[]): Promise<string[]> {
    if (needIds.length === 0) return [];
    const rows = await tx.find(Need, {
      where: { id: In([...new Set(needIds)]) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_read' },
    });
    const survivorIds = rows
      .filter((n) => n.status === NeedStatus.MERGED && n.mergedIntoId)
      .map((n) => n.mergedIntoId!);
    const survivors = survivorIds.length
      ? await tx.find(Need, {
          where: { id: In(survivorIds) },
          order: { id: 'ASC' },
          lock: { mode: 'pessimistic_read' },
        })
      : [];
    const candidates = [
      ...rows.filter((n) => n.status !== NeedStatus.MERGED),
      ...survivors.filter((n) => n.status !== NeedStatus.MERGED),
    ];
    return [...new Set(candidates.filter((n) => NeedPolicy.canSee(ctx, n)).map((n) => n.id))];
  }

  /**
   * For later steps of the thread (tests, procurements) linking needs inside their transaction: every id
   * exists and is visible (NOT_FOUND naming the field otherwise) and none is merged (CONFLICT naming the
   * survivor). Returns the needs in the order given.
   */
  async assertLinkable(
    ctx: RequestContext,
    tx: EntityManager,
    needIds: readonly string[],
    field: string,
  ): Promise<Need[]> {
    const unique = [...new Set(needIds)];
    if (unique.length === 0) return [];
    // FOR SHARE: a concurrent merge or status change waits until the caller's link is committed.
    const rows = await tx.find(Need, {
      where: { id: In(unique) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_read' },
    });
    const found = new Map(rows.map((n) => [n.id, n]));
    const needs: Need[] = [];
    for (const id of unique) {
      const need = found.get(id);
      const at = `${field}.${needIds.indexOf(id)}`;
      if (!need || !NeedPolicy.canSee(ctx, need)) throw NeedError.NOT_FOUND({ field: at });
      if (need.status === NeedStatus.MERGED)
        throw NeedPolicy.mergedError(
          ctx,
          need.mergedIntoId ? await tx.findOneBy(Need, { id: need.mergedIntoId }) : null,
          at,
        );
      needs.push(need);
    }
    return needs;
  }
}
