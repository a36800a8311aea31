import { Args, ID, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { Organization, OrganizationKind } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import { Language, User } from './user.entity.js';
import { UserService } from './user.service.js';
import { ChangePasswordArgs, CreateUserInput, UpdateUserInput } from './dto/create-user.input.js';
import { Ctx, Roles } from '../auth/decorators.js';
import { Role } from '../auth/role.js';
import type { RequestContext } from '../context/request-context.js';
import { UuidPipe } from '../validation/uuid.pipe.js';
import { Connection } from '../pagination/connection.js';
import { UsersArgs } from './dto/users.args.js';

@ObjectType()
export class UserConnection extends Connection(User) {}

@Resolver(() => Organization)
export class OrganizationResolver {
  constructor(
    private readonly organizationService: OrganizationService,
    private readonly userService: UserService,
  ) {}

  @Query(() => [Organization], {
    description: 'The member organisations: the node, the region, municipalities, partners.',
  })
  organizations(
    @Ctx() ctx: RequestContext,
    @Args('kind', { type: () => OrganizationKind, nullable: true }) kind?: OrganizationKind,
  ): Promise<Organization[]> {
    return this.organizationService.list(ctx, kind);
  }

  @Query(() => Organization)
  organization(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<Organization> {
    return this.organizationService.get(ctx, id);
  }

  @Query(() => UserConnection, {
    description:
      "Users by name. Node admins: everyone, filtered by organisation, role and active. Node staff: every organisation's active users. Others: their own organisation's active users.",
  })
  users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs) {
    return this.userService.list(ctx, args);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => User, { description: 'Node admins create users in any member organisation.' })
  createUser(@Ctx() ctx: RequestContext, @Args('input') input: CreateUserInput): Promise<User> {
    return this.userService.create(ctx, input);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => User, { description: 'Node admins change a name, the roles, or deactivate a user.' })
  updateUser(@Ctx() ctx: RequestContext, @Args('input') input: UpdateUserInput): Promise<User> {
    return this.userService.update(ctx, input);
  }

  @Mutation(() => User, {
    description: 'Sets my language: the web app starts in it, notifications and e-mails are written in it.',
  })
  setMyLanguage(
    @Ctx() ctx: RequestContext,
    @Args('language', { type: () => Language }) language: Language,
  ): Promise<User> {
    return this.userService.setLanguage(ctx, language);
  }

  @Mutation(() => Boolean, { description: 'Changes my own password.' })
  changePassword(@Ctx() ctx: RequestContext, @Args() args: ChangePasswordArgs): Promise<boolean> {
    return this.userService.changePassword(ctx, args);
  }
}
