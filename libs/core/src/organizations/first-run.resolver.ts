import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, Public } from '../auth/decorators.js';
import type { RequestContext } from '../context/request-context.js';
import { CompleteSetupArgs } from './dto/complete-setup.args.js';
import { FirstRunService } from './first-run.service.js';
import { User } from './user.entity.js';

@Resolver()
export class FirstRunResolver {
  constructor(private readonly firstRun: FirstRunService) {}

  @Public()
  @Query(() => Boolean, {
    description:
      'Whether the node still awaits its first administrator (no user exists): the setup page says at once when it does not.',
  })
  setupNeeded(): Promise<boolean> {
    return this.firstRun.setupNeeded();
  }

  @Public()
  @Mutation(() => User, {
    description:
      'Creates the first administrator (NODE_ADMIN and NODE_STAFF in the node) with the one-time setup link the api printed at start. Refused once any user exists.',
  })
  completeSetup(@Ctx() ctx: RequestContext, @Args() args: CompleteSetupArgs): Promise<User> {
    return this.firstRun.completeSetup(ctx, args);
  }
}
