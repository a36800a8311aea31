import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ConformanceRole } from './compatibility-enums.js';

@ObjectType({
  description: 'A product conforms to a standard: e.g. a SCAIP certificate for the sender side, against SIS-TR 91101.',
})
@Entity({ name: 'standard_conformances' })
export class StandardConformance {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  standardId: string;

  @Field(() => ConformanceRole, { nullable: true })
  @Column({ type: 'text', nullable: true })
  role: ConformanceRole | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  certificateId: string | null;

  @Field(() => String, { nullable: true, description: 'Version of the test specification, e.g. SIS-TR 91101:2016.' })
  @Column({ type: 'text', nullable: true })
  testSpecificationVersion: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  validFrom: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @Field()
  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}
