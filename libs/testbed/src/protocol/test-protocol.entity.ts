import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CareSetting } from '#catalog';
import { ConsentApproach, TestProtocolStatus } from '../testbed.enums.js';

@ObjectType('TestDocumentLink', {
  description: 'A document the protocol rests on (report, routine, risk analysis), by link.',
})
export class DocumentLink {
  @Field()
  title: string;

  @Field()
  url: string;
}

@ObjectType({
  description:
    'A test protocol (testprotokoll): one organisation leads, others take part; results are shared with all (S4:334-336).',
})
@Entity({ name: 'test_protocols' })
export class TestProtocol {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  categoryId: string;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  productId: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  leadOrganizationId: string;

  @Field(() => [CareSetting])
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  settings: CareSetting[];

  @Field({ description: 'Syfte.' })
  @Column({ type: 'text' })
  purpose: string;

  @Field(() => String, { nullable: true, description: 'Förväntad nytta.' })
  @Column({ type: 'text', nullable: true })
  expectedBenefit: string | null;

  @Field(() => String, { nullable: true, description: 'Nuläge (baseline) före testet.' })
  @Column({ type: 'text', nullable: true })
  baseline: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  plannedStart: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, not before plannedStart.' })
  @Column({ type: 'date', nullable: true })
  plannedEnd: string | null;

  @Field({ description: '"We should not test unless we believe we will roll it out" (S1:2420).' })
  @Column({ type: 'boolean', default: false })
  broadRolloutIntended: boolean;

  @Field(() => ConsentApproach)
  @Column({ type: 'text' })
  consentApproach: ConsentApproach;

  @Field(() => String, { nullable: true, description: 'How consent is asked for and documented.' })
  @Column({ type: 'text', nullable: true })
  consentDescription: string | null;

  @Field(() => String, { nullable: true, description: 'Informationssäkerhetsbedömning.' })
  @Column({ type: 'text', nullable: true })
  informationSecurity: string | null;

  @Field(() => String, { nullable: true, description: 'Arbetsmiljöbedömning.' })
  @Column({ type: 'text', nullable: true })
  workEnvironment: string | null;

  @Field(() => String, { nullable: true, description: 'Hur personal och brukare involveras.' })
  @Column({ type: 'text', nullable: true })
  involvement: string | null;

  @Field(() => String, { nullable: true, description: 'Risker.' })
  @Column({ type: 'text', nullable: true })
  risks: string | null;

  @Field(() => [DocumentLink])
  @Column({ type: 'jsonb', default: () => "'[]'" })
  documents: DocumentLink[];

  @Field(() => TestProtocolStatus)
  @Column({ type: 'text' })
  status: TestProtocolStatus;

  @Field({ description: 'True once the test has started: visible to all members from then on.' })
  @Column({ type: 'boolean', default: false })
  published: boolean;

  @Field(() => Int, { description: 'How many versions have been frozen by submission.' })
  @Column({ type: 'integer', default: 0 })
  versionCount: number;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  createdByUserId: string;

  @Field()
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
