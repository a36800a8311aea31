import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, User, UserService } from '#core';
import { FollowUpAnswer } from './follow-up.entity.js';

@Resolver(() => FollowUpAnswer)
export class FollowUpAnswerFieldsResolver {
  constructor(private readonly users: UserService) {}

  @ResolveField(() => User, { nullable: true })
  answeredBy(@Ctx() ctx: RequestContext, @Parent() answer: FollowUpAnswer): Promise<User | null> {
    return this.users.load(ctx, answer.answeredByUserId);
  }
}
