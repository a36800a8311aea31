import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TechnologyCategory } from './category/technology-category.entity.js';
import { TechnologyCategoryService } from './category/technology-category.service.js';
import { TechnologyCategoryResolver } from './category/technology-category.resolver.js';
import { Product } from './product/product.entity.js';
import { ProductVersion } from './product/product-version.entity.js';
import { Supplier } from './product/supplier.entity.js';
import { ProductService } from './product/product.service.js';
import { ProductResolver } from './product/product.resolver.js';
import { ProductFieldsResolver } from './product/product-fields.resolver.js';

/** Technology categories, suppliers, products and versions; systems and compatibility (S4:227, S4:313). */
@Module({
  imports: [TypeOrmModule.forFeature([TechnologyCategory, Supplier, Product, ProductVersion])],
  providers: [TechnologyCategoryService, TechnologyCategoryResolver, ProductService, ProductResolver, ProductFieldsResolver],
  exports: [TechnologyCategoryService, ProductService],
})
export class CatalogModule {}
