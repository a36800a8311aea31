import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { CompatibilityStatement } from './compatibility-statement.entity.js';
import { StandardConformance } from './standard-conformance.entity.js';
import { CompatibilityService } from './compatibility.service.js';
import { Product } from '../product/product.entity.js';

@Resolver(() => Product)
export class ProductCompatibilityFieldsResolver {
  constructor(private readonly compatibilityService: CompatibilityService) {}

  @ResolveField(() => [CompatibilityStatement], {
    description: 'The current compatibility statements about the product.',
  })
  compatibility(@Ctx() ctx: RequestContext, @Parent() product: Product): Promise<CompatibilityStatement[]> {
    return this.compatibilityService.currentOf(ctx, product.id);
  }

  @ResolveField(() => [StandardConformance], {
    description: 'Standards the product conforms to (e.g. SCAIP certificates).',
  })
  standardConformances(@Ctx() ctx: RequestContext, @Parent() product: Product): Promise<StandardConformance[]> {
    return this.compatibilityService.conformancesOf(ctx, product.id);
  }
}
