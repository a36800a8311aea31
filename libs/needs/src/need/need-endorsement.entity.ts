import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'Another organisation says "vi har också detta behov". One per organisation and need.' })
@Entity({ name: 'need_endorsements' })
export class NeedEndorsement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  needId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  endorsedByUserId: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Field(() => Int, { nullable: true, description: "The organisation's estimate of people affected." })
  @Column({ type: 'integer', nullable: true })
  peopleAffected: number | null;

  @Field(() => ID, { nullable: true, description: 'Set when the endorsement came over from a merged need.' })
  @Column({ type: 'uuid', nullable: true })
  movedFromNeedId: string | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
