import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { In } from 'typeorm';
import {
  AuditService,
  Clock,
  type ConnectionResult,
  Db,
  type ListSpec,
  paginate,
  plannedPage,
  preload,
  type RequestContext,
  type SortKey,
  type SqlFragment,
  escapeLike,
  sql,
  whereFragment,
} from '#core';
import { Product } from './product.entity.js';
import { ProductVersion } from './product-version.entity.js';
import { Supplier } from './supplier.entity.js';
import type { AddProductVersionInput, CreateProductInput } from './dto/create-product.input.js';
import type { CreateSupplierInput } from './dto/create-supplier.input.js';
import type { ProductsArgs } from './dto/products.args.js';
import { CatalogError } from '../catalog.errors.js';
import { TechnologyCategoryService } from '../category/technology-category.service.js';
import { TechnologyCategory } from '../category/technology-category.entity.js';
import { CatalogPolicy } from '../catalog.policy.js';
import { CatalogItemVersions } from '../item/catalog-item-versions.js';

const PRODUCT_VERSIONS = new CatalogItemVersions<Product, ProductVersion>({
  item: Product,
  version: ProductVersion,
  owner: 'productId',
  entityType: 'Product',
  notFound: (field) => CatalogError.PRODUCT_NOT_FOUND({ field }),
  versionExists: (field, version) => CatalogError.VERSION_EXISTS({ field, params: { version } }),
});

const BY_NAME: SortKey<Product>[] = [
  { expression: 'lower(p.name)', direction: 'ASC', value: (p) => p.name.toLowerCase() },
  { expression: 'p.id', direction: 'ASC', value: (p) => p.id },
];

/** The catalogue page's planned path (see plannedPage): a product with its category and supplier joined. */
const PRODUCT_LIST: ListSpec = {
  entity: Product,
  alias: 'p',
  relations: {
    category: { entity: TechnologyCategory, alias: 'paged_category', on: 'paged_category.id = p.category_id' },
    supplier: { entity: Supplier, alias: 'paged_supplier', on: 'paged_supplier.id = p.supplier_id' },
  },
};

@Injectable()
export class ProductService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  async createSupplier(ctx: RequestContext, input: CreateSupplierInput): Promise<Supplier> {
    CatalogPolicy.assertMaintains(ctx);
    return this.db.transaction(async (tx) => {
      const clash = await tx
        .createQueryBuilder(Supplier, 's')
        .where('lower(s.name) = lower(:name)', { name: input.name })
        .getExists();
      if (clash) throw CatalogError.SUPPLIER_EXISTS({ field: 'input.name', params: { name: input.name } });
      const supplier = tx.create(Supplier, {
        ...input,
        organizationNumber: input.organizationNumber ?? null,
        website: input.website ?? null,
        createdAt: this.clock.now(),
      });
      await tx.insert(Supplier, supplier);
      await this.audit.record(ctx, tx, {
        action: 'supplier.created',
        entityType: 'Supplier',
        entityId: supplier.id,
        after: supplier,
      });
      return supplier;
    });
  }

  async createProduct(ctx: RequestContext, input: CreateProductInput): Promise<Product> {
    CatalogPolicy.assertMaintains(ctx);
    const category = await this.categories.resolve(ctx, input.category, 'input.category');
    return this.db.transaction(async (tx) => {
      if (!(await tx.existsBy(Supplier, { id: input.supplierId })))
        throw CatalogError.SUPPLIER_NOT_FOUND({ field: 'input.supplierId' });
      const clash = await tx
        .createQueryBuilder(Product, 'p')
        .where(
          "p.supplier_id = :s AND lower(p.name) = lower(:n) AND coalesce(lower(p.model), '') = coalesce(lower(:m), '')",
          { s: input.supplierId, n: input.name, m: input.model ?? null },
        )
        .getExists();
      if (clash)
        throw CatalogError.PRODUCT_EXISTS({
          field: 'input.name',
          params: { name: input.name, model: input.model ?? '' },
        });
      const versions = PRODUCT_VERSIONS.sorted(input.versions);
      const now = this.clock.now();
      const product = tx.create(Product, {
        categoryId: category.id,
        supplierId: input.supplierId,
        name: input.name,
        model: input.model ?? null,
        description: input.description ?? null,
        currentVersion: versions.at(-1)?.version ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(Product, product);
      await PRODUCT_VERSIONS.insert(tx, product.id, versions);
      await this.audit.record(ctx, tx, {
        action: 'product.created',
        entityType: 'Product',
        entityId: product.id,
        after: { ...product, versions: versions.map((v) => v.version) },
      });
      return product;
    });
  }

  async addVersion(ctx: RequestContext, input: AddProductVersionInput): Promise<Product> {
    CatalogPolicy.assertMaintains(ctx);
    return this.db.transaction((tx) =>
      PRODUCT_VERSIONS.add(ctx, tx, this.audit, this.clock.now(), input.productId, 'input.productId', input),
    );
  }

  /**
   * A page of products: planned (one prepared statement with what the query asks for) when the query asks only for
   * columns, category and supplier; otherwise read as entities with category and supplier in the same statement,
   * the fields answering from them (and the loaders knowing them). With the signed-in user's read, two statements.
   */
  async list(ctx: RequestContext, args: ProductsArgs, info?: GraphQLResolveInfo): Promise<ConnectionResult<Product>> {
    const where: SqlFragment[] = [];
    if (args.category) {
      const category = (await this.categories.resolve(ctx, args.category, 'category')).id;
      where.push(sql`p.category_id = ${category}`);
    }
    if (args.supplierId) where.push(sql`p.supplier_id = ${args.supplierId}`);
    if (args.search) {
      const q = `%${escapeLike(args.search)}%`;
      where.push(
        sql`p.name ILIKE ${q} OR p.model ILIKE ${q} OR p.supplier_id IN (SELECT id FROM suppliers WHERE name ILIKE ${q})`,
      );
    }
    const planned = await plannedPage(this.db, info, PRODUCT_LIST, { where, sort: BY_NAME, page: args });
    if (planned) return planned;
    const qb = this.db.manager
      .createQueryBuilder(Product, 'p')
      .leftJoinAndMapOne('p.pagedCategory', TechnologyCategory, 'paged_category', 'paged_category.id = p.category_id')
      .leftJoinAndMapOne('p.pagedSupplier', Supplier, 'paged_supplier', 'paged_supplier.id = p.supplier_id');
    for (const condition of where) whereFragment(qb, condition);
    const page = await paginate(qb, args, BY_NAME, { plainRows: true });
    for (const product of page.nodes as (Product & {
      pagedCategory?: TechnologyCategory;
      pagedSupplier?: Supplier;
    })[]) {
      this.categories.prime(ctx, product.pagedCategory);
      if (product.pagedSupplier) this.supplierLoader(ctx).prime(product.pagedSupplier.id, product.pagedSupplier);
      preload(product, 'category', product.pagedCategory ?? null);
      preload(product, 'supplier', product.pagedSupplier ?? null);
      delete product.pagedCategory;
      delete product.pagedSupplier;
    }
    return page;
  }

  async get(ctx: RequestContext, id: string, field = 'id'): Promise<Product> {
    const product = await this.load(ctx, id);
    if (!product) throw CatalogError.PRODUCT_NOT_FOUND({ field });
    return product;
  }

  load(ctx: RequestContext, id: string): Promise<Product | null> {
    return ctx.loaders
      .byKey<string, Product>(
        'product',
        (ids) => this.db.manager.findBy(Product, { id: In([...ids]) }),
        (p) => p.id,
      )
      .load(id);
  }

  loadSupplier(ctx: RequestContext, id: string): Promise<Supplier | null> {
    return this.supplierLoader(ctx).load(id);
  }

  private supplierLoader(ctx: RequestContext) {
    return ctx.loaders.byKey<string, Supplier>(
      'supplier',
      (ids) => this.db.manager.findBy(Supplier, { id: In([...ids]) }),
      (s) => s.id,
    );
  }

  suppliers(_ctx: RequestContext): Promise<Supplier[]> {
    return this.db.manager.find(Supplier, { order: { name: 'ASC' } });
  }

  versionsOf(ctx: RequestContext, productId: string): Promise<ProductVersion[]> {
    return PRODUCT_VERSIONS.of(ctx, this.db, productId);
  }
}
