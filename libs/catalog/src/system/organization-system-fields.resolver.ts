import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext } from '#core';
import { OrganizationSystem } from './organization-system.entity.js';
import { System } from './system.entity.js';
import { SystemService } from './system.service.js';

@Resolver(() => OrganizationSystem)
export class OrganizationSystemFieldsResolver {
  constructor(
    private readonly systemService: SystemService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => System)
  system(@Ctx() ctx: RequestContext, @Parent() row: OrganizationSystem) {
    return this.systemService.load(ctx, row.systemId);
  }

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() row: OrganizationSystem) {
    return this.organizations.load(ctx, row.organizationId);
  }
}
