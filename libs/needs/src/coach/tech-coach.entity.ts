import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CareSetting } from '#catalog';

@ObjectType({
  description: 'A tech coach (teknikcoach): care staff acting as welfare-technology ambassador in a unit (S4:345).',
})
@Entity({ name: 'tech_coaches' })
export class TechCoach {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  userId: string;

  @Field(() => ID, { description: "The coach's organisation (the user's)." })
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field({ description: 'The unit the coach works in, e.g. "Hemtjänst Väst" or a särskilt boende.' })
  @Column({ type: 'text' })
  unit: string;

  @Field(() => CareSetting)
  @Column({ type: 'text' })
  setting: CareSetting;

  @Field()
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
