import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { StandardConformance } from './standard-conformance.entity.js';
import { Standard } from '../system/standard.entity.js';
import { SystemService } from '../system/system.service.js';
import { Product } from '../product/product.entity.js';
import { ProductService } from '../product/product.service.js';

@Resolver(() => StandardConformance)
export class StandardConformanceFieldsResolver {
  constructor(
    private readonly systemService: SystemService,
    private readonly productService: ProductService,
  ) {}

  @ResolveField(() => Standard)
  standard(@Ctx() ctx: RequestContext, @Parent() conformance: StandardConformance) {
    return this.systemService.loadStandard(ctx, conformance.standardId);
  }

  @ResolveField(() => Product)
  product(@Ctx() ctx: RequestContext, @Parent() conformance: StandardConformance) {
    return this.productService.load(ctx, conformance.productId);
  }
}
