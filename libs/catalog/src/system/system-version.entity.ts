import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { CatalogItemVersion } from '../item/catalog-item.entity.js';

@ObjectType({ description: 'A released version of a system (semver-like).' })
@Entity({ name: 'system_versions' })
export class SystemVersion extends CatalogItemVersion {
  @Field(() => ID)
  @Column({ type: 'uuid' })
  systemId: string;
}
