import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AuthService } from './auth.service.js';
import { Ctx, Public } from './decorators.js';
import { LoginArgs, LoginResult } from './dto/login.input.js';
import type { RequestContext } from '../context/request-context.js';
import { User } from '../organizations/user.entity.js';
import { UserService } from '../organizations/user.service.js';

@Resolver()
export class AuthResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
  ) {}

  @Public()
  @Mutation(() => LoginResult, { description: 'Exchanges e-mail and password for a short-lived access token.' })
  login(@Ctx() ctx: RequestContext, @Args() args: LoginArgs): Promise<LoginResult> {
    return this.auth.login(ctx, args, ctx.clientAddress);
  }

  @Query(() => User, { description: 'The logged-in user, with organisation and roles.' })
  me(@Ctx() ctx: RequestContext): Promise<User> {
    return this.users.me(ctx);
  }
}
