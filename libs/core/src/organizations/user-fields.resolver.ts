import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Organization } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import { User } from './user.entity.js';
import { UserPolicy } from './user.policy.js';
import { Ctx } from '../auth/decorators.js';
import type { RequestContext } from '../context/request-context.js';

@Resolver(() => User)
export class UserFieldsResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => String, {
    nullable: true,
    description: 'Only within the same organisation and for node staff; null otherwise.',
  })
  email(@Ctx() ctx: RequestContext, @Parent() user: User): string | null {
    return UserPolicy.canSeeEmail(ctx, user) ? user.email : null;
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Organization | null> {
    return this.organizations.load(ctx, user.organizationId);
  }
}
