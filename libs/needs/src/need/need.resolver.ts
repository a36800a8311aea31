import { Args, ID, Info, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Connection, Ctx, PageArgs, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { Need } from './need.entity.js';
import { NeedComment } from './need-comment.entity.js';
import { NeedService } from './need.service.js';
import { SimilarNeed, SimilarNeedsAwaitingTriage } from './similar-need.type.js';
import { NeedEndorsementService } from './need-endorsement.service.js';
import { NeedWorkflowService } from './need-workflow.service.js';
import { NeedCommentService } from './need-comment.service.js';
import { NeedFollowService } from './need-follow.service.js';
import { ReportNeedInput } from './dto/report-need.input.js';
import { EndorseNeedInput } from './dto/endorse-need.input.js';
import { ChangeNeedStatusInput, CommentOnNeedInput, MergeNeedInput } from './dto/change-need-status.input.js';
import { NeedsArgs, SimilarNeedsArgs, SimilarNeedsAwaitingTriageArgs } from './dto/needs.args.js';

@ObjectType()
export class NeedConnection extends Connection(Need) {}

@Resolver(() => Need)
export class NeedResolver {
  constructor(
    private readonly needService: NeedService,
    private readonly endorsements: NeedEndorsementService,
    private readonly workflow: NeedWorkflowService,
    private readonly comments: NeedCommentService,
    private readonly following: NeedFollowService,
  ) {}

  @Query(() => NeedConnection, {
    description:
      'Needs the caller may see; filter by organisation, category, setting, statuses, text; sort NEWEST or MOST_SHARED.',
  })
  needs(@Ctx() ctx: RequestContext, @Args() args: NeedsArgs, @Info() info: GraphQLResolveInfo) {
    return this.needService.list(ctx, args, info);
  }

  @Query(() => Need, { description: 'One need. A MERGED need answers with `mergedInto`, the survivor.' })
  need(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Need> {
    return this.needService.get(ctx, id);
  }

  @Query(() => [SimilarNeed], {
    description: 'Before filing: the existing needs most like a draft, across the county.',
  })
  similarNeeds(@Ctx() ctx: RequestContext, @Args() args: SimilarNeedsArgs): Promise<SimilarNeed[]> {
    return this.needService.similar(ctx, args);
  }

  @Query(() => SimilarNeedsAwaitingTriage, {
    description:
      'Before filing: how many similar needs of other organisations await triage (a count only; the node merges duplicates at triage).',
  })
  similarNeedsAwaitingTriage(
    @Ctx() ctx: RequestContext,
    @Args() args: SimilarNeedsAwaitingTriageArgs,
  ): Promise<SimilarNeedsAwaitingTriage> {
    return this.needService.similarAwaitingTriage(ctx, args);
  }

  @Query(() => NeedConnection, { description: 'The needs I reported, newest first, with status and latest reason.' })
  myNeeds(@Ctx() ctx: RequestContext, @Args() page: PageArgs) {
    return this.needService.mine(ctx, page);
  }

  @Mutation(() => Need)
  reportNeed(@Ctx() ctx: RequestContext, @Args('input') input: ReportNeedInput): Promise<Need> {
    return this.needService.report(ctx, input);
  }

  @Mutation(() => Need, {
    description: '"Vi har också detta behov": once per organisation, not for your own organisation\'s need.',
  })
  endorseNeed(@Ctx() ctx: RequestContext, @Args('input') input: EndorseNeedInput): Promise<Need> {
    return this.endorsements.endorse(ctx, input);
  }

  @Mutation(() => Need, {
    description:
      "Tell me when the need's test is decided, its procurement awarded and its first 12-month follow-up answered.",
  })
  async followNeed(
    @Ctx() ctx: RequestContext,
    @Args('needId', { type: () => ID }, UuidPipe) needId: string,
  ): Promise<Need> {
    await this.following.follow(ctx, needId);
    return this.needService.get(ctx, needId, 'needId');
  }

  @Mutation(() => Need, { description: "Stop telling me about the need's thread (also for its reporter)." })
  async unfollowNeed(
    @Ctx() ctx: RequestContext,
    @Args('needId', { type: () => ID }, UuidPipe) needId: string,
  ): Promise<Need> {
    await this.following.unfollow(ctx, needId);
    return this.needService.get(ctx, needId, 'needId');
  }

  @Mutation(() => Need, { description: "Withdraws my organisation's endorsement." })
  withdrawEndorsement(
    @Ctx() ctx: RequestContext,
    @Args('needId', { type: () => ID }, UuidPipe) needId: string,
  ): Promise<Need> {
    return this.endorsements.withdraw(ctx, needId);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => Need, {
    description: 'Moves a need through the workflow (node staff). A reason is required for DECLINED.',
  })
  changeNeedStatus(@Ctx() ctx: RequestContext, @Args('input') input: ChangeNeedStatusInput): Promise<Need> {
    return this.workflow.changeStatus(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => Need, { description: 'Merges a duplicate into a surviving need (node staff); returns the survivor.' })
  mergeNeed(@Ctx() ctx: RequestContext, @Args('input') input: MergeNeedInput): Promise<Need> {
    return this.workflow.merge(ctx, input);
  }

  @Mutation(() => NeedComment)
  commentOnNeed(@Ctx() ctx: RequestContext, @Args('input') input: CommentOnNeedInput): Promise<NeedComment> {
    return this.comments.comment(ctx, input);
  }
}
