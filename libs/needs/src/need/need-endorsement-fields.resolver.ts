import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext, User, UserService } from '#core';
import { NeedEndorsement } from './need-endorsement.entity.js';

@Resolver(() => NeedEndorsement)
export class NeedEndorsementFieldsResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly users: UserService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() endorsement: NeedEndorsement) {
    return this.organizations.load(ctx, endorsement.organizationId);
  }

  @ResolveField(() => User)
  endorsedBy(@Ctx() ctx: RequestContext, @Parent() endorsement: NeedEndorsement) {
    return this.users.load(ctx, endorsement.endorsedByUserId);
  }
}
