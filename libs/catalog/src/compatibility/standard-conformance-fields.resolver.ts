import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { StandardConformance } from './standard-conformance.entity.js';
import { Standard } from '../system/standard.entity.js';
import { SystemService } from '../system/system.service.js';

@Resolver(() => StandardConformance)
export class StandardConformanceFieldsResolver {
  constructor(private readonly systemService: SystemService) {}

  @ResolveField(() => Standard)
  standard(@Ctx() ctx: RequestContext, @Parent() conformance: StandardConformance) {
    return this.systemService.loadStandard(ctx, conformance.standardId);
  }
}
