import { Query, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { TechnologyCategory } from './technology-category.entity.js';
import { TechnologyCategoryService } from './technology-category.service.js';

@Resolver(() => TechnologyCategory)
export class TechnologyCategoryResolver {
  constructor(private readonly categories: TechnologyCategoryService) {}

  @Query(() => [TechnologyCategory], { description: 'The technology categories, in reference order.' })
  technologyCategories(@Ctx() ctx: RequestContext): Promise<TechnologyCategory[]> {
    return this.categories.list(ctx);
  }
}
