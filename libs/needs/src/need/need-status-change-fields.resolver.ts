import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, User, UserService } from '#core';
import { NeedStatusChange } from './need-status-change.entity.js';

@Resolver(() => NeedStatusChange)
export class NeedStatusChangeFieldsResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User, { nullable: true, description: 'Null when the system made the change.' })
  changedBy(@Ctx() ctx: RequestContext, @Parent() change: NeedStatusChange) {
    return change.changedByUserId ? this.users.load(ctx, change.changedByUserId) : null;
  }
}
