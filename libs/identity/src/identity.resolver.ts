import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, Public, type RequestContext, Role, Roles, User, UuidPipe } from '#core';
import { IdentityProvider, SignInOption } from './identity-provider.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import { IdentityProviderService } from './identity-provider.service.js';
import {
  CreateIdentityProviderInput,
  IdentityProviderCheck,
  InviteUserInput,
  UpdateIdentityProviderInput,
} from './dto/identity-provider.input.js';

@Resolver(() => IdentityProvider)
export class IdentityProviderResolver {
  constructor(private readonly providers: IdentityProviderService) {}

  @Public()
  @Query(() => [SignInOption], {
    description:
      'Public: the ways to sign in with an organisation’s own accounts (enabled providers), for the sign-in page.',
  })
  identityProviders(): Promise<SignInOption[]> {
    return this.providers.signInOptions();
  }

  @Roles(Role.NODE_ADMIN)
  @Query(() => [IdentityProvider], { description: 'Node admins: every identity provider with its configuration.' })
  identityProviderSettings(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID, nullable: true }, UuidPipe) organizationId?: string,
  ): Promise<IdentityProvider[]> {
    return this.providers.list(ctx, organizationId);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => IdentityProvider)
  createIdentityProvider(
    @Ctx() ctx: RequestContext,
    @Args('input') input: CreateIdentityProviderInput,
  ): Promise<IdentityProvider> {
    return this.providers.create(ctx, input);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => IdentityProvider, { description: 'Changes the given fields only.' })
  updateIdentityProvider(
    @Ctx() ctx: RequestContext,
    @Args('input') input: UpdateIdentityProviderInput,
  ): Promise<IdentityProvider> {
    return this.providers.update(ctx, input);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => IdentityProvider, { description: 'Nobody signs in through it any more; linked identities stay.' })
  disableIdentityProvider(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<IdentityProvider> {
    return this.providers.disable(ctx, id);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => IdentityProviderCheck, {
    description: 'Tests the connection: discovery or metadata, and the secret.',
  })
  testIdentityProvider(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }, UuidPipe) id: string,
  ): Promise<IdentityProviderCheck> {
    return this.providers.check(ctx, id);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => Organization, {
    description: 'Whether an organisation’s people may still sign in with a Noden password.',
  })
  setLocalPasswordsAllowed(
    @Ctx() ctx: RequestContext,
    @Args('organizationId', { type: () => ID }, UuidPipe) organizationId: string,
    @Args('allowed') allowed: boolean,
  ): Promise<Organization> {
    return this.providers.setLocalPasswordsAllowed(ctx, organizationId, allowed);
  }

  @Roles(Role.NODE_ADMIN)
  @Mutation(() => User, {
    description: 'Invites a person by e-mail with roles decided in advance; binds to their identity on first sign-in.',
  })
  inviteUser(@Ctx() ctx: RequestContext, @Args('input') input: InviteUserInput): Promise<User> {
    return this.providers.invite(ctx, input);
  }
}

@Resolver(() => User)
export class UserIdentitiesResolver {
  constructor(private readonly providers: IdentityProviderService) {}

  @ResolveField(() => [UserIdentity], {
    description: 'The provider accounts that sign this user in: node admins and the user themself; empty for others.',
  })
  identities(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<UserIdentity[]> | UserIdentity[] {
    if (!ctx.hasRole(Role.NODE_ADMIN) && !(ctx.isAuthenticated && ctx.userId === user.id)) return [];
    return ctx.loaders
      .manyByKey<string, UserIdentity>(
        'user.identities',
        (ids) => this.providers.identitiesOf(ids),
        (i) => i.userId,
      )
      .load(user.id);
  }

  @ResolveField(() => Boolean, {
    description:
      'Whether the user has a Noden password (false: signs in only through a provider). Self and node admins; null for others.',
    nullable: true,
  })
  async hasPassword(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<boolean | null> {
    if (!ctx.hasRole(Role.NODE_ADMIN) && !(ctx.isAuthenticated && ctx.userId === user.id)) return null;
    const row = await ctx.loaders
      .byKey<string, { id: string; has: boolean }>(
        'user.hasPassword',
        (ids) => this.providers.passwordStatusOf(ids),
        (r) => r.id,
      )
      .load(user.id);
    return row?.has ?? null;
  }

  @ResolveField(() => Boolean, { description: 'Invited and not yet signed in for the first time.' })
  invitationPending(@Parent() user: User): boolean {
    return !!user.invitedAt && !user.invitationAcceptedAt;
  }
}
