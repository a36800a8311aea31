import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { QuorumRule } from '../testbed.enums.js';

@ObjectType({ description: 'How the steering review closes; set by the node administrator.' })
@Entity({ name: 'steering_settings' })
export class SteeringSettings {
  @PrimaryColumn({ type: 'boolean', default: true })
  id: boolean;

  @Field(() => QuorumRule)
  @Column({ type: 'text' })
  quorumRule: QuorumRule;

  @Field(() => Int, { nullable: true })
  @Column({ type: 'integer', nullable: true })
  minimumVotes: number | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  updatedByUserId: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
