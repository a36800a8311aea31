import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, Role, Roles } from '#core';
import { IndicatorSet } from './indicator-set.entity.js';
import { IndicatorService } from './indicator.service.js';
import { ConfigureIndicatorSetInput } from './dto/configure-indicator-set.input.js';
import { IndicatorSetsArgs } from './dto/indicator-sets.args.js';

@Resolver(() => IndicatorSet)
export class IndicatorResolver {
  constructor(private readonly indicators: IndicatorService) {}

  @Query(() => [IndicatorSet], {
    description: 'The follow-up indicator sets: the default for all categories and any per category.',
  })
  indicatorSets(@Ctx() ctx: RequestContext, @Args() args: IndicatorSetsArgs): Promise<IndicatorSet[]> {
    return this.indicators.list(ctx, args.category, args.includeHistory);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => IndicatorSet, {
    description: 'Node staff: a new version of the indicators for a category (or the default).',
  })
  configureIndicatorSet(
    @Ctx() ctx: RequestContext,
    @Args('input') input: ConfigureIndicatorSetInput,
  ): Promise<IndicatorSet> {
    return this.indicators.configure(ctx, input);
  }
}
