import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ReviewStatus } from '../testbed.enums.js';
import { ProtocolSnapshot } from './protocol-snapshot.type.js';

@ObjectType({ description: 'A frozen, immutable version of a protocol as submitted for review.' })
@Entity({ name: 'test_protocol_versions' })
export class TestProtocolVersion {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  protocolId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  versionNumber: number;

  @Field(() => ProtocolSnapshot, {
    description:
      'The whole protocol as submitted: plan, participants, observations, deviations, fault reports, results.',
  })
  @Column({ type: 'jsonb' })
  snapshot: ProtocolSnapshot;

  @Field({ description: 'SHA-256 (hex) of the canonical JSON of `snapshot`.' })
  @Column({ type: 'text' })
  contentHash: string;

  @Field(() => ReviewStatus)
  @Column({ type: 'text' })
  reviewStatus: ReviewStatus;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  submittedByUserId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
