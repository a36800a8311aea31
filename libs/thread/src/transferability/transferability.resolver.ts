import { Args, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { TransferabilityService } from './transferability.service.js';
import { Transferability, TransferabilityArgs } from './transferability.types.js';

@Resolver(() => Transferability)
export class TransferabilityResolver {
  constructor(private readonly assessor: TransferabilityService) {}

  @Query(() => Transferability, {
    description: 'For a decided test and my municipality: what in my context the test did not cover.',
  })
  transferability(@Ctx() ctx: RequestContext, @Args() args: TransferabilityArgs): Promise<Transferability> {
    return this.assessor.assess(ctx, args.decisionId, args.organizationId);
  }
}
