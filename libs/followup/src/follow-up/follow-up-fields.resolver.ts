import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { FollowUp, FollowUpAnswer } from './follow-up.entity.js';
import { FollowUpService } from './follow-up.service.js';
import { Implementation } from '../implementation/implementation.entity.js';
import { IndicatorSet } from '../indicators/indicator-set.entity.js';
import { IndicatorService } from '../indicators/indicator.service.js';

@Resolver(() => FollowUp)
export class FollowUpFieldsResolver {
  constructor(
    private readonly followUps: FollowUpService,
    private readonly indicators: IndicatorService,
  ) {}

  @ResolveField(() => Implementation)
  implementation(@Ctx() ctx: RequestContext, @Parent() f: FollowUp): Promise<Implementation | null> {
    return this.followUps.loadImplementation(ctx, f.implementationId);
  }

  @ResolveField(() => FollowUpAnswer, { nullable: true, description: 'The latest answer (the one that counts).' })
  answer(@Ctx() ctx: RequestContext, @Parent() f: FollowUp): Promise<FollowUpAnswer | null> {
    return this.followUps.latestAnswer(ctx, f.id);
  }

  @ResolveField(() => [FollowUpAnswer], { description: 'Every version, newest first.' })
  answers(@Ctx() ctx: RequestContext, @Parent() f: FollowUp): Promise<FollowUpAnswer[]> {
    return this.followUps.answersOf(ctx, f.id);
  }

  @ResolveField(() => IndicatorSet, {
    nullable: true,
    description: 'The indicators to answer: the version current when it opened.',
  })
  indicatorSet(@Ctx() ctx: RequestContext, @Parent() f: FollowUp): Promise<IndicatorSet | null> {
    return f.indicatorSetId ? this.indicators.load(ctx, f.indicatorSetId) : Promise.resolve(null);
  }
}
