import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CatalogItemVersion } from '../item/catalog-item.entity.js';

@ObjectType({ description: 'A released version of a product (semver-like, e.g. 2.1 or 2.1.3).' })
@Entity({ name: 'product_versions' })
export class ProductVersion extends CatalogItemVersion {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;
}
