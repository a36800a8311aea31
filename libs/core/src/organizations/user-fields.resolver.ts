import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Organization } from './organization.entity.js';
import { OrganizationService } from './organization.service.js';
import { User } from './user.entity.js';
import { Ctx } from '../auth/decorators.js';
import type { RequestContext } from '../context/request-context.js';

@Resolver(() => User)
export class UserFieldsResolver {
  constructor(private readonly organizations: OrganizationService) {}

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() user: User): Promise<Organization | null> {
    return this.organizations.load(ctx, user.organizationId);
  }
}
