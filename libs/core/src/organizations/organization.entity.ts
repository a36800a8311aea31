import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export enum OrganizationKind {
  NODE = 'NODE',
  REGION = 'REGION',
  MUNICIPALITY = 'MUNICIPALITY',
  PARTNER = 'PARTNER',
}
registerEnumType(OrganizationKind, { name: 'OrganizationKind' });

/** Size classes used for the equity view: small and large municipalities take part on equal terms (S4:351). */
export enum SizeClass {
  SMALL = 'SMALL',
  MEDIUM = 'MEDIUM',
  LARGE = 'LARGE',
}
registerEnumType(SizeClass, {
  name: 'SizeClass',
  description: 'SMALL < 15 000 inhabitants, MEDIUM < 50 000, LARGE from 50 000.',
});

export function sizeClassOf(population: number | null | undefined): SizeClass | null {
  if (population == null) return null;
  if (population < 15_000) return SizeClass.SMALL;
  if (population < 50_000) return SizeClass.MEDIUM;
  return SizeClass.LARGE;
}

@ObjectType({ description: 'A member organisation: the node, the region, a municipality or a partner.' })
@Entity({ name: 'organizations' })
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => OrganizationKind)
  @Column({ type: 'text' })
  kind: OrganizationKind;

  @Field(() => String, { nullable: true, description: 'Official SCB code (municipality 4 digits, county 2 digits).' })
  @Column({ type: 'text', nullable: true })
  code: string | null;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  shortName: string | null;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  population: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  aliases: string[];

  @Field({
    description:
      'Whether its people may sign in with a Noden password; when false only its identity providers sign them in.',
  })
  @Column({ type: 'boolean', default: true })
  localPasswordsAllowed: boolean;

  @Field(() => SizeClass, { nullable: true })
  get sizeClass(): SizeClass | null {
    return sizeClassOf(this.population);
  }

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
