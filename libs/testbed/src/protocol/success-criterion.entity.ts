import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A named indicator with a target value (framgångskriterium).' })
@Entity({ name: 'test_success_criteria' })
export class SuccessCriterion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  position: number;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  targetValue: number;

  @Field({ description: 'E.g. %, minutes per night, number of alarms.' })
  @Column({ type: 'text' })
  unit: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;
}
