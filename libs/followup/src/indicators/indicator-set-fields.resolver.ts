import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { Indicator, IndicatorSet } from './indicator-set.entity.js';
import { IndicatorService } from './indicator.service.js';

@Resolver(() => IndicatorSet)
export class IndicatorSetFieldsResolver {
  constructor(
    private readonly indicatorService: IndicatorService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  @ResolveField(() => [Indicator])
  indicators(@Ctx() ctx: RequestContext, @Parent() set: IndicatorSet): Promise<Indicator[]> {
    return this.indicatorService.indicatorsOf(ctx, set.id);
  }

  @ResolveField(() => TechnologyCategory, { nullable: true })
  category(@Ctx() ctx: RequestContext, @Parent() set: IndicatorSet): Promise<TechnologyCategory | null> {
    return set.categoryId ? this.categories.load(ctx, set.categoryId) : Promise.resolve(null);
  }
}
