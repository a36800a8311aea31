import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { Product } from './product.entity.js';
import { ProductVersion } from './product-version.entity.js';
import { Supplier } from './supplier.entity.js';
import { ProductService } from './product.service.js';
import { TechnologyCategory } from '../category/technology-category.entity.js';
import { TechnologyCategoryService } from '../category/technology-category.service.js';

@Resolver(() => Product)
export class ProductFieldsResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  @ResolveField(() => TechnologyCategory)
  category(@Ctx() ctx: RequestContext, @Parent() product: Product) {
    return this.categories.load(ctx, product.categoryId);
  }

  @ResolveField(() => Supplier)
  supplier(@Ctx() ctx: RequestContext, @Parent() product: Product) {
    return this.productService.loadSupplier(ctx, product.supplierId);
  }

  @ResolveField(() => [ProductVersion])
  versions(@Ctx() ctx: RequestContext, @Parent() product: Product): Promise<ProductVersion[]> {
    return this.productService.versionsOf(ctx, product.id);
  }
}
