import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CatalogItem } from '../item/catalog-item.entity.js';

@ObjectType({ description: 'A product in the catalogue: a model from a supplier, in one technology category.' })
@Entity({ name: 'products' })
export class Product extends CatalogItem {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  categoryId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  supplierId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  model: string | null;
}
