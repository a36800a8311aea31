import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({
  description:
    'A product line of a municipal system (a care documentation system, an alarm receiving centre…) with released versions.',
})
@Entity({ name: 'systems' })
export class System {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  kindId: string;

  @Field(() => ID, { nullable: true, description: 'The vendor when it is also a supplier in the catalogue.' })
  @Column({ type: 'uuid', nullable: true })
  supplierId: string | null;

  @Field()
  @Column({ type: 'text' })
  vendorName: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => String, { nullable: true, description: 'The latest released version unless another was made current.' })
  @Column({ type: 'text', nullable: true })
  currentVersion: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
