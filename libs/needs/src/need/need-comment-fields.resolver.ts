import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext, User, UserService } from '#core';
import { NeedComment } from './need-comment.entity.js';

@Resolver(() => NeedComment)
export class NeedCommentFieldsResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
  ) {}

  @ResolveField(() => User)
  author(@Ctx() ctx: RequestContext, @Parent() comment: NeedComment) {
    return this.users.load(ctx, comment.authorUserId);
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() comment: NeedComment) {
    return this.organizations.load(ctx, comment.organizationId);
  }
}
