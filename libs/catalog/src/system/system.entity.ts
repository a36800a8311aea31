import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CatalogItem } from '../item/catalog-item.entity.js';

@ObjectType({
  description:
    'A product line of a municipal system (a care documentation system, an alarm receiving centre…) with released versions.',
})
@Entity({ name: 'systems' })
export class System extends CatalogItem {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  kindId: string;

  @Field(() => ID, { nullable: true, description: 'The vendor when it is also a supplier in the catalogue.' })
  @Column({ type: 'uuid', nullable: true })
  supplierId: string | null;

  @Field()
  @Column({ type: 'text' })
  vendorName: string;
}
