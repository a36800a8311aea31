import { Args, ID, Info, Mutation, ObjectType, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Connection, Ctx, Organization, OrganizationService, type RequestContext, UuidPipe } from '#core';
import { KnowledgeArticle, KnowledgeArticleLink } from './knowledge-article.entity.js';
import { KnowledgeArticleService } from './knowledge-article.service.js';
import { ArticlesArgs, CreateArticleInput, UpdateArticleInput } from '../dto/article.input.js';
import { KnowledgeSearchArgs } from '../dto/knowledge-search.args.js';
import { KnowledgeHitConnection } from '../search/knowledge-hit.type.js';
import { KnowledgeSearchService } from '../search/knowledge-search.service.js';

@ObjectType()
export class KnowledgeArticleConnection extends Connection(KnowledgeArticle) {}

@Resolver(() => KnowledgeArticle)
export class KnowledgeArticleResolver {
  constructor(
    private readonly articleService: KnowledgeArticleService,
    private readonly searcher: KnowledgeSearchService,
  ) {}

  @Query(() => KnowledgeHitConnection, {
    description: 'Search the knowledge portal in Swedish: articles and published test decisions, best first.',
  })
  knowledgeSearch(@Ctx() ctx: RequestContext, @Args() args: KnowledgeSearchArgs) {
    return this.searcher.search(ctx, args);
  }

  @Query(() => KnowledgeArticleConnection, {
    description: 'Articles the caller may see (published, and drafts of their organisation), newest change first.',
  })
  articles(@Ctx() ctx: RequestContext, @Args() args: ArticlesArgs, @Info() info: GraphQLResolveInfo) {
    return this.articleService.list(ctx, args, info);
  }

  @Query(() => KnowledgeArticle)
  article(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<KnowledgeArticle> {
    return this.articleService.get(ctx, id);
  }

  @Mutation(() => KnowledgeArticle, {
    description: 'A draft, visible to your organisation and node staff until node staff publish it.',
  })
  createArticle(@Ctx() ctx: RequestContext, @Args('input') input: CreateArticleInput): Promise<KnowledgeArticle> {
    return this.articleService.create(ctx, input);
  }

  @Mutation(() => KnowledgeArticle, { description: 'Changes what is given; links given replace all links.' })
  updateArticle(@Ctx() ctx: RequestContext, @Args('input') input: UpdateArticleInput): Promise<KnowledgeArticle> {
    return this.articleService.update(ctx, input);
  }

  @Mutation(() => KnowledgeArticle, {
    description: 'Node staff publish an article once its source is graded: then every member sees and finds it.',
  })
  publishArticle(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<KnowledgeArticle> {
    return this.articleService.publish(ctx, id);
  }

  @Mutation(() => KnowledgeArticle, {
    description:
      'Node staff withdraw a published article: it becomes a draft again, leaves the portal and, on nodes it was shared with, disappears too.',
  })
  withdrawArticle(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<KnowledgeArticle> {
    return this.articleService.withdraw(ctx, id);
  }
}

@Resolver(() => KnowledgeArticle)
export class KnowledgeArticleFieldsResolver {
  constructor(
    private readonly articles: KnowledgeArticleService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => [KnowledgeArticleLink])
  links(@Ctx() ctx: RequestContext, @Parent() article: KnowledgeArticle) {
    return this.articles.linksOf(ctx, article.id);
  }

  @ResolveField(() => Organization, { nullable: true })
  organization(@Ctx() ctx: RequestContext, @Parent() article: KnowledgeArticle) {
    return this.organizations.load(ctx, article.organizationId);
  }
}
