import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'The measured outcome of one success criterion.' })
@Entity({ name: 'test_results' })
export class TestResult {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  criterionId: string;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  measuredValue: number;

  @Field()
  @Column({ type: 'boolean' })
  met: boolean;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  recordedByUserId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
