import { ID, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, User, UserService } from '#core';
import { NeedStatusChange } from './need-status-change.entity.js';
import { NeedService } from './need.service.js';

@Resolver(() => NeedStatusChange)
export class NeedStatusChangeFieldsResolver {
  constructor(
    private readonly users: UserService,
    private readonly needs: NeedService,
  ) {}

  @ResolveField(() => ID, { nullable: true, description: 'For a merge: the surviving need, when you may see it.' })
  mergedIntoId(@Ctx() ctx: RequestContext, @Parent() change: NeedStatusChange) {
    return this.needs.visibleId(ctx, change.mergedIntoId);
  }

  @ResolveField(() => User, { nullable: true, description: 'Null when the system made the change.' })
  changedBy(@Ctx() ctx: RequestContext, @Parent() change: NeedStatusChange) {
    return change.changedByUserId ? this.users.load(ctx, change.changedByUserId) : null;
  }
}
