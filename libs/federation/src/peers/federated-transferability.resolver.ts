import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { FederatedTransferabilityArgs } from './federation-peer.types.js';
import { FederatedTransferability, FederatedTransferabilityService } from './federated-transferability.service.js';

@Resolver(() => FederatedTransferability)
export class FederatedTransferabilityResolver {
  constructor(private readonly assessor: FederatedTransferabilityService) {}

  @Query(() => FederatedTransferability, {
    description: "For another county's decision and my municipality: what in my context the test there did not cover.",
  })
  federatedTransferability(@Ctx() ctx: RequestContext, @Args() args: FederatedTransferabilityArgs) {
    return this.assessor.assess(ctx, args.decisionId, args.organizationId);
  }
}
