import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, type RequestContext, User, UserService } from '#core';
import { CompatibilityStatement } from './compatibility-statement.entity.js';
import { Product } from '../product/product.entity.js';
import { ProductService } from '../product/product.service.js';
import { System } from '../system/system.entity.js';
import { Standard } from '../system/standard.entity.js';
import { SystemService } from '../system/system.service.js';

@Resolver(() => CompatibilityStatement)
export class CompatibilityFieldsResolver {
  constructor(
    private readonly productService: ProductService,
    private readonly systemService: SystemService,
    private readonly users: UserService,
  ) {}

  @ResolveField(() => Boolean, { description: 'Not superseded.' })
  current(@Parent() statement: CompatibilityStatement): boolean {
    return statement.supersededAt === null;
  }

  @ResolveField(() => Product)
  product(@Ctx() ctx: RequestContext, @Parent() statement: CompatibilityStatement) {
    return this.productService.load(ctx, statement.productId);
  }

  @ResolveField(() => System, { nullable: true })
  system(@Ctx() ctx: RequestContext, @Parent() statement: CompatibilityStatement) {
    return statement.systemId ? this.systemService.load(ctx, statement.systemId) : null;
  }

  @ResolveField(() => Standard, { nullable: true })
  standard(@Ctx() ctx: RequestContext, @Parent() statement: CompatibilityStatement) {
    return statement.standardId ? this.systemService.loadStandard(ctx, statement.standardId) : null;
  }

  @ResolveField(() => User, { nullable: true, description: 'Who asserted it; null when the system recorded it.' })
  assertedBy(@Ctx() ctx: RequestContext, @Parent() statement: CompatibilityStatement) {
    return statement.assertedById ? this.users.load(ctx, statement.assertedById) : null;
  }

  @ResolveField(() => User, { nullable: true, description: 'Who superseded it (by asserting the newer statement).' })
  supersededBy(@Ctx() ctx: RequestContext, @Parent() statement: CompatibilityStatement) {
    return statement.supersededByUserId ? this.users.load(ctx, statement.supersededByUserId) : null;
  }
}
