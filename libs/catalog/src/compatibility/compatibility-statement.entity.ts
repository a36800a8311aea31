import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CompatibilityStatus, EvidenceLevel } from './compatibility-enums.js';

@ObjectType({
  description:
    'Product versions × system versions (or a standard) → status, with its evidence. A newer statement for the same pair with overlapping ranges supersedes it; superseded ones are kept as history.',
})
@Entity({ name: 'compatibility_statements' })
export class CompatibilityStatement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

  @Field({ description: 'Version range of the product, e.g. `>=2.1 <3`, `2.x`, `*`.' })
  @Column({ type: 'text' })
  productVersions: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  systemId: string | null;

  @Field(() => String, { nullable: true, description: 'Version range of the system; null for a standard.' })
  @Column({ type: 'text', nullable: true })
  systemVersions: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  standardId: string | null;

  @Field(() => CompatibilityStatus)
  @Column({ type: 'text' })
  status: CompatibilityStatus;

  @Field(() => EvidenceLevel)
  @Column({ type: 'text' })
  evidence: EvidenceLevel;

  @Field(() => String, { nullable: true, description: 'What works and what does not; required for PARTIAL.' })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => String, { nullable: true, description: 'Where the statement comes from (datasheet, test report…).' })
  @Column({ type: 'text', nullable: true })
  sourceNote: string | null;

  @Field(() => ID, { nullable: true, description: 'The test protocol behind a COUNTY_TESTED statement.' })
  @Column({ type: 'uuid', nullable: true })
  testProtocolId: string | null;

  @Field(() => ID, { nullable: true, description: 'The implementation whose follow-up verified it in production.' })
  @Column({ type: 'uuid', nullable: true })
  implementationId: string | null;

  @Field(() => ID, { nullable: true, description: 'Null when the system recorded it.' })
  @Column({ type: 'uuid', nullable: true })
  assertedById: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  assertedAt: Date;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  supersededByStatementId: string | null;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  supersededByUserId: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Null for this node's own statement; for one shared by another county's node (federation), that node's id. A local statement about the same versions always wins over it.",
  })
  @Column({ type: 'text', nullable: true })
  originNodeId: string | null;

  @Field(() => String, { nullable: true, description: 'The sharing node as the registry names it.' })
  @Column({ type: 'text', nullable: true })
  originName: string | null;

  @Column({ type: 'text', nullable: true })
  originUrn: string | null;
}
