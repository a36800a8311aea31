import { Args, ID, Info, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { Connection, Ctx, type RequestContext, Role, Roles, UuidPipe } from '#core';
import { Product } from './product.entity.js';
import { Supplier } from './supplier.entity.js';
import { ProductService } from './product.service.js';
import { AddProductVersionInput, CreateProductInput } from './dto/create-product.input.js';
import { CreateSupplierInput } from './dto/create-supplier.input.js';
import { ProductsArgs } from './dto/products.args.js';

@ObjectType()
export class ProductConnection extends Connection(Product) {}

@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly productService: ProductService) {}

  @Query(() => ProductConnection, {
    description: 'The product catalogue, by name; filter by category, supplier or text.',
  })
  products(@Ctx() ctx: RequestContext, @Args() args: ProductsArgs, @Info() info: GraphQLResolveInfo) {
    return this.productService.list(ctx, args, info);
  }

  @Query(() => Product)
  product(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }, UuidPipe) id: string): Promise<Product> {
    return this.productService.get(ctx, id);
  }

  @Query(() => [Supplier])
  suppliers(@Ctx() ctx: RequestContext): Promise<Supplier[]> {
    return this.productService.suppliers(ctx);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => Supplier)
  createSupplier(@Ctx() ctx: RequestContext, @Args('input') input: CreateSupplierInput): Promise<Supplier> {
    return this.productService.createSupplier(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => Product)
  createProduct(@Ctx() ctx: RequestContext, @Args('input') input: CreateProductInput): Promise<Product> {
    return this.productService.createProduct(ctx, input);
  }

  @Roles(Role.NODE_ADMIN, Role.NODE_STAFF)
  @Mutation(() => Product)
  addProductVersion(@Ctx() ctx: RequestContext, @Args('input') input: AddProductVersionInput): Promise<Product> {
    return this.productService.addVersion(ctx, input);
  }
}
