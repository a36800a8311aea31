import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { type EntityManager, In } from 'typeorm';
import {
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  paginate,
  plannedPage,
  type RequestContext,
  whereFragment,
} from '#core';
import { TechnologyCategoryService } from '#catalog';
import { KnowledgeArticle, KnowledgeArticleLink } from './knowledge-article.entity.js';
import {
  ARTICLE_LIST,
  articleListWhere,
  existingIds,
  LATEST_CHANGED_ARTICLES,
  type LinkedTable,
  upsertEntry,
} from './knowledge-article.queries.js';
import type { ArticleLinksInput, ArticlesArgs, CreateArticleInput, UpdateArticleInput } from '../dto/article.input.js';
import { ArticleLinkType, ArticleStatus, KnowledgeSource, QualityGrade } from '../knowledge.enums.js';
import { KnowledgeError } from '../knowledge.errors.js';
import { KnowledgePolicy } from '../knowledge.policy.js';

const LINK_TABLES: Record<
  Exclude<ArticleLinkType, ArticleLinkType.CATEGORY>,
  { table: LinkedTable; field: keyof ArticleLinksInput; entity: string }
> = {
  [ArticleLinkType.PRODUCT]: { table: 'products', field: 'productIds', entity: 'produkten / product' },
  [ArticleLinkType.NEED]: { table: 'needs', field: 'needIds', entity: 'behovet / need' },
  [ArticleLinkType.TEST_PROTOCOL]: { table: 'test_protocols', field: 'testProtocolIds', entity: 'testet / test' },
  [ArticleLinkType.TEST_DECISION]: { table: 'test_decisions', field: 'testDecisionIds', entity: 'beslutet / decision' },
};

/** Articles of the knowledge portal; each write also refreshes the article's searchable entry, in the same transaction. */
@Injectable()
export class KnowledgeArticleService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  async create(ctx: RequestContext, input: CreateArticleInput): Promise<KnowledgeArticle> {
    KnowledgePolicy.assertWrites(ctx);
    const links = await this.resolveLinks(ctx, input);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const article = tx.create(KnowledgeArticle, {
        organizationId: ctx.organizationId,
        authorUserId: ctx.userId,
        kind: input.kind,
        title: input.title,
        summary: input.summary,
        body: input.body,
        sourceType: input.sourceType,
        // Only node staff grade knowledge; a member's own grade would be a claim, not an assessment.
        qualityGrade: ctx.isNodeStaff ? (input.qualityGrade ?? QualityGrade.UNASSESSED) : QualityGrade.UNASSESSED,
        status: ArticleStatus.DRAFT,
        publishedAt: null,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(KnowledgeArticle, article);
      await this.replaceLinks(tx, article.id, links);
      await this.syncEntry(tx, article, links);
      await this.audit.record(ctx, tx, {
        action: 'article.created',
        entityType: 'KnowledgeArticle',
        entityId: article.id,
        after: { ...article, links },
      });
      return article;
    });
  }

  async update(ctx: RequestContext, input: UpdateArticleInput): Promise<KnowledgeArticle> {
    const links = (['categories', 'productIds', 'needIds', 'testProtocolIds', 'testDecisionIds'] as const).some(
      (k) => input[k] != null,
    )
      ? await this.resolveLinks(ctx, input)
      : null;
    return this.db.transaction(async (tx) => {
      const article = await this.lock(ctx, tx, input.id, 'input.id');
      KnowledgePolicy.assertEdits(ctx, article);
      const before = { ...article };
      if (input.kind) article.kind = input.kind;
      if (input.title) article.title = input.title;
      if (input.summary) article.summary = input.summary;
      if (input.body) article.body = input.body;
      if (input.sourceType) article.sourceType = input.sourceType;
      if (input.qualityGrade && ctx.isNodeStaff) article.qualityGrade = input.qualityGrade;
      article.version += 1;
      article.updatedAt = this.clock.now();
      await tx.save(KnowledgeArticle, article);
      if (links) await this.replaceLinks(tx, article.id, links);
      await this.syncEntry(tx, article, links ?? (await tx.findBy(KnowledgeArticleLink, { articleId: article.id })));
      await this.audit.record(ctx, tx, {
        action: 'article.updated',
        entityType: 'KnowledgeArticle',
        entityId: article.id,
        before,
        after: { ...article, links },
      });
      return article;
    });
  }

  async publish(ctx: RequestContext, id: string): Promise<KnowledgeArticle> {
    return this.db.transaction(async (tx) => {
      const article = await this.lock(ctx, tx, id);
      KnowledgePolicy.assertPublishes(ctx, article);
      if (article.status === ArticleStatus.PUBLISHED) throw KnowledgeError.ALREADY_PUBLISHED({ field: 'id' });
      const before = { ...article };
      Object.assign(article, {
        status: ArticleStatus.PUBLISHED,
        publishedAt: this.clock.now(),
        updatedAt: this.clock.now(),
      });
      await tx.save(KnowledgeArticle, article);
      await this.syncEntry(tx, article, await tx.findBy(KnowledgeArticleLink, { articleId: article.id }));
      await this.audit.record(ctx, tx, {
        action: 'article.published',
        entityType: 'KnowledgeArticle',
        entityId: article.id,
        before,
        after: article,
      });
      return article;
    });
  }

  async withdraw(ctx: RequestContext, id: string): Promise<KnowledgeArticle> {
    return this.db.transaction(async (tx) => {
      const article = await this.lock(ctx, tx, id);
      KnowledgePolicy.assertPublishes(ctx, article);
      if (article.status !== ArticleStatus.PUBLISHED) throw KnowledgeError.NOT_PUBLISHED({ field: 'id' });
      const before = { ...article };
      Object.assign(article, { status: ArticleStatus.DRAFT, publishedAt: null, updatedAt: this.clock.now() });
      await tx.save(KnowledgeArticle, article);
      await this.syncEntry(tx, article, await tx.findBy(KnowledgeArticleLink, { articleId: article.id }));
      await this.audit.record(ctx, tx, {
        action: 'article.withdrawn',
        entityType: 'KnowledgeArticle',
        entityId: article.id,
        before,
        after: article,
      });
      return article;
    });
  }

  async get(ctx: RequestContext, id: string): Promise<KnowledgeArticle> {
    const article = await this.load(ctx, id);
    if (!article) throw KnowledgeError.ARTICLE_NOT_FOUND({ field: 'id' });
    KnowledgePolicy.assertCanSee(ctx, article);
    return article;
  }

  load(ctx: RequestContext, id: string): Promise<KnowledgeArticle | null> {
    return ctx.loaders
      .byKey<string, KnowledgeArticle>(
        'knowledgeArticle',
        (ids) => this.db.manager.findBy(KnowledgeArticle, { id: In([...ids]) }),
        (a) => a.id,
      )
      .load(id);
  }

  /** Planned (one prepared statement with the asked-for columns and joins) unless a field resolver is asked for. */
  async list(
    ctx: RequestContext,
    args: ArticlesArgs,
    info?: GraphQLResolveInfo,
  ): Promise<ConnectionResult<KnowledgeArticle>> {
    const request = { where: articleListWhere(ctx, args), sort: LATEST_CHANGED_ARTICLES, page: args };
    const planned = await plannedPage(this.db, info, ARTICLE_LIST, request);
    if (planned) return planned;
    const qb = this.db.manager.createQueryBuilder(KnowledgeArticle, 'a');
    for (const condition of request.where) whereFragment(qb, condition);
    return paginate(qb, args, LATEST_CHANGED_ARTICLES);
  }

  linksOf(ctx: RequestContext, articleId: string): Promise<KnowledgeArticleLink[]> {
    return ctx.loaders
      .manyByKey<string, KnowledgeArticleLink>(
        'knowledgeArticleLinks',
        (ids) => this.db.manager.findBy(KnowledgeArticleLink, { articleId: In([...ids]) }),
        (l) => l.articleId,
      )
      .load(articleId);
  }

  private async lock(ctx: RequestContext, tx: EntityManager, id: string, field = 'id'): Promise<KnowledgeArticle> {
    const article = await tx.findOne(KnowledgeArticle, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!article) throw KnowledgeError.ARTICLE_NOT_FOUND({ field });
    KnowledgePolicy.assertCanSee(ctx, article, field);
    return article;
  }

  /** Checks every linked id exists, in one statement per kind of link. */
  private async resolveLinks(
    ctx: RequestContext,
    input: ArticleLinksInput,
  ): Promise<Omit<KnowledgeArticleLink, 'articleId'>[]> {
    const links: Omit<KnowledgeArticleLink, 'articleId'>[] = [];
    for (const key of new Set(input.categories ?? [])) {
      links.push({
        entityType: ArticleLinkType.CATEGORY,
        entityId: (await this.categories.resolve(ctx, key, 'input.categories')).id,
      });
    }
    for (const [type, { table, field, entity }] of Object.entries(LINK_TABLES) as [
      ArticleLinkType,
      (typeof LINK_TABLES)[keyof typeof LINK_TABLES],
    ][]) {
      const wanted = [...new Set(input[field] ?? [])];
      if (wanted.length === 0) continue;
      const found = await existingIds(this.db.manager, table, wanted);
      const missing = wanted.find((id) => !found.has(id));
      if (missing) throw KnowledgeError.LINK_NOT_FOUND({ field: `input.${field}`, params: { entity, id: missing } });
      links.push(...wanted.map((entityId) => ({ entityType: type, entityId })));
    }
    return links;
  }

  private async replaceLinks(
    tx: EntityManager,
    articleId: string,
    links: Omit<KnowledgeArticleLink, 'articleId'>[],
  ): Promise<void> {
    await tx.delete(KnowledgeArticleLink, { articleId });
    if (links.length)
      await tx.insert(
        KnowledgeArticleLink,
        links.map((l) => ({ ...l, articleId })),
      );
  }

  private async syncEntry(
    tx: EntityManager,
    article: KnowledgeArticle,
    links: Omit<KnowledgeArticleLink, 'articleId'>[],
  ): Promise<void> {
    const categoryId = links.find((l) => l.entityType === ArticleLinkType.CATEGORY)?.entityId ?? null;
    await upsertEntry(tx, KnowledgeSource.ARTICLE, {
      sourceId: article.id,
      kind: article.kind,
      title: article.title,
      summary: article.summary,
      body: article.body,
      sourceType: article.sourceType,
      qualityGrade: article.qualityGrade,
      categoryId,
      organizationId: article.organizationId,
      published: article.status === ArticleStatus.PUBLISHED,
      datedAt: article.publishedAt ?? article.updatedAt,
    });
  }
}
