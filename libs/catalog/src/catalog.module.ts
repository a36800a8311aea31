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
import { SystemKind } from './system/system-kind.entity.js';
import { System } from './system/system.entity.js';
import { SystemVersion } from './system/system-version.entity.js';
import { Standard } from './system/standard.entity.js';
import { OrganizationSystem } from './system/organization-system.entity.js';
import { SystemService } from './system/system.service.js';
import { SystemResolver } from './system/system.resolver.js';
import { SystemFieldsResolver } from './system/system-fields.resolver.js';
import { OrganizationSystemFieldsResolver } from './system/organization-system-fields.resolver.js';
import { CompatibilityStatement } from './compatibility/compatibility-statement.entity.js';
import { StandardConformance } from './compatibility/standard-conformance.entity.js';
import { CompatibilityService } from './compatibility/compatibility.service.js';
import { CompatibilityQuestionService } from './compatibility/compatibility-questions.service.js';
import { CompatibilityResolver } from './compatibility/compatibility.resolver.js';
import { CompatibilityFieldsResolver } from './compatibility/compatibility-fields.resolver.js';
import { StandardConformanceFieldsResolver } from './compatibility/standard-conformance-fields.resolver.js';
import { ProductCompatibilityFieldsResolver } from './compatibility/product-compatibility-fields.resolver.js';

/** Technology categories, suppliers, products and versions; systems and compatibility (S4:227, S4:313). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      TechnologyCategory,
      Supplier,
      Product,
      ProductVersion,
      SystemKind,
      System,
      SystemVersion,
      Standard,
      OrganizationSystem,
      CompatibilityStatement,
      StandardConformance,
    ]),
  ],
  providers: [
    TechnologyCategoryService,
    TechnologyCategoryResolver,
    ProductService,
    ProductResolver,
    ProductFieldsResolver,
    SystemService,
    SystemResolver,
    SystemFieldsResolver,
    OrganizationSystemFieldsResolver,
    CompatibilityService,
    CompatibilityQuestionService,
    CompatibilityResolver,
    CompatibilityFieldsResolver,
    StandardConformanceFieldsResolver,
    ProductCompatibilityFieldsResolver,
  ],
  exports: [
    TechnologyCategoryService,
    ProductService,
    SystemService,
    CompatibilityService,
    CompatibilityQuestionService,
  ],
})
export class CatalogModule {}
