import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext } from '#core';
import { System } from './system.entity.js';
import { SystemKind } from './system-kind.entity.js';
import { SystemVersion } from './system-version.entity.js';
import { SystemService } from './system.service.js';
import { Supplier } from '../product/supplier.entity.js';
import { ProductService } from '../product/product.service.js';

@Resolver(() => System)
export class SystemFieldsResolver {
  constructor(
    private readonly systemService: SystemService,
    private readonly productService: ProductService,
  ) {}

  @ResolveField(() => SystemKind)
  kind(@Ctx() ctx: RequestContext, @Parent() system: System) {
    return this.systemService.loadKind(ctx, system.kindId);
  }

  @ResolveField(() => Supplier, { nullable: true })
  supplier(@Ctx() ctx: RequestContext, @Parent() system: System) {
    return system.supplierId ? this.productService.loadSupplier(ctx, system.supplierId) : null;
  }

  @ResolveField(() => [SystemVersion])
  versions(@Ctx() ctx: RequestContext, @Parent() system: System): Promise<SystemVersion[]> {
    return this.systemService.versionsOf(ctx, system.id);
  }
}
