import { type RequestContext, Role, Visibility, type VisibilityScope } from '#core';
import type { KnowledgeArticle } from './article/knowledge-article.entity.js';
import { ArticleStatus } from './knowledge.enums.js';
import { KnowledgeError } from './knowledge.errors.js';

/** Members write; their organisation and the node edit drafts; node staff publish after grading the source. */
export const ARTICLE_AUTHOR_ROLES: readonly Role[] = [
  Role.NODE_ADMIN,
  Role.NODE_STAFF,
  Role.MUNICIPALITY_COORDINATOR,
  Role.STEERING_MEMBER,
  Role.TECH_COACH,
];

/** Drafts are visible to the writing organisation and node staff; published articles to every member. */
export const KnowledgePolicy = {
  scope(alias: string, published: string): VisibilityScope {
    return { published, ownedBy: [`${alias}.organization_id = :visibilityOrg`] };
  },

  /** An article list's rule as SQL (`alias` is a `knowledge_articles` row): published, or the caller's own. */
  articles(alias: string): VisibilityScope {
    return KnowledgePolicy.scope(alias, `${alias}.status = '${ArticleStatus.PUBLISHED}'`);
  },

  assertCanSee(ctx: RequestContext, article: KnowledgeArticle, field = 'id'): void {
    Visibility.assertCanSee(
      ctx,
      { organizationIds: [article.organizationId], published: article.status === ArticleStatus.PUBLISHED },
      () => KnowledgeError.ARTICLE_NOT_FOUND({ field }),
    );
  },

  assertWrites(ctx: RequestContext): void {
    ctx.requireRole(...ARTICLE_AUTHOR_ROLES);
  },

  assertEdits(ctx: RequestContext, article: KnowledgeArticle): void {
    KnowledgePolicy.assertCanSee(ctx, article, 'input.id');
    ctx.requireRole(...ARTICLE_AUTHOR_ROLES);
    if (!ctx.isNodeStaff && !ctx.belongsTo(article.organizationId))
      throw KnowledgeError.NOT_AUTHOR({ field: 'input.id' });
  },

  assertPublishes(ctx: RequestContext, article: KnowledgeArticle): void {
    KnowledgePolicy.assertCanSee(ctx, article);
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
  },
};
