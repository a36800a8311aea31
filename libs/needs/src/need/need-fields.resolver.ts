import { ID, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext, User, UserService } from '#core';
import { TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { Need } from './need.entity.js';
import { NeedEndorsement } from './need-endorsement.entity.js';
import { NeedStatusChange } from './need-status-change.entity.js';
import { NeedComment } from './need-comment.entity.js';
import { NeedService } from './need.service.js';
import { SimilarNeed } from './similar-need.type.js';
import { NeedEndorsementService } from './need-endorsement.service.js';
import { NeedWorkflowService } from './need-workflow.service.js';
import { NeedCommentService } from './need-comment.service.js';
import { NeedFollowService } from './need-follow.service.js';

@Resolver(() => Need)
export class NeedFieldsResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
    private readonly categories: TechnologyCategoryService,
    private readonly needs: NeedService,
    private readonly endorsementService: NeedEndorsementService,
    private readonly workflow: NeedWorkflowService,
    private readonly commentService: NeedCommentService,
    private readonly following: NeedFollowService,
  ) {}

  @ResolveField('peopleAffected', () => Int, {
    nullable: true,
    description: "People affected: the reporter's estimate plus the endorsers' estimates; null while nobody gave one.",
  })
  peopleAffectedIfKnown(@Parent() need: Need): number | null {
    return need.peopleAffectedKnown ? need.peopleAffected : null;
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.organizations.load(ctx, need.organizationId);
  }

  @ResolveField(() => User)
  reporter(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.users.load(ctx, need.reporterUserId);
  }

  @ResolveField(() => TechnologyCategory, { nullable: true })
  category(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return need.categoryId ? this.categories.load(ctx, need.categoryId) : null;
  }

  @ResolveField(() => [NeedEndorsement], { description: 'The organisations that share the need.' })
  endorsements(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.endorsementService.endorsementsOf(ctx, need.id);
  }

  @ResolveField(() => Boolean, { description: 'Whether my organisation endorses the need.' })
  async endorsedByMyOrganization(@Ctx() ctx: RequestContext, @Parent() need: Need): Promise<boolean> {
    return (await this.endorsementService.endorsementsOf(ctx, need.id)).some(
      (e) => e.organizationId === ctx.organizationId,
    );
  }

  @ResolveField(() => Boolean, {
    description: 'Whether I am told about its thread (reporters are, until they unfollow; endorsing follows).',
  })
  followedByMe(@Ctx() ctx: RequestContext, @Parent() need: Need): Promise<boolean> {
    return this.following.isFollowing(ctx, need.id, need.reporterUserId);
  }

  @ResolveField(() => [NeedStatusChange], { description: 'Every transition: who, when, from, to, why (oldest first).' })
  history(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.workflow.historyOf(ctx, need.id);
  }

  @ResolveField(() => [NeedComment])
  comments(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.commentService.commentsOf(ctx, need.id);
  }

  @ResolveField(() => ID, { nullable: true, description: 'Set when MERGED: the surviving need, when you may see it.' })
  mergedIntoId(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.needs.visibleId(ctx, need.mergedIntoId);
  }

  @ResolveField(() => Need, {
    nullable: true,
    description: 'For a MERGED need: the surviving need, when you may see it.',
  })
  mergedInto(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.needs.loadVisible(ctx, need.mergedIntoId);
  }

  @ResolveField(() => [SimilarNeed], {
    nullable: true,
    description:
      'Node staff, on a NEW need: its likely duplicates across the county, best first, to merge at triage. Empty once triaged; null for others.',
  })
  possibleDuplicates(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.needs.possibleDuplicates(ctx, need);
  }

  @ResolveField(() => [Need], { description: 'Duplicates merged into this need.' })
  mergedNeeds(@Ctx() ctx: RequestContext, @Parent() need: Need) {
    return this.needs.mergedInto(ctx, need.id);
  }
}
