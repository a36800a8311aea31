import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CallOffMethod } from './procurement.enums.js';

@ObjectType({ description: 'The framework agreement (ramavtal) awarded in a joint procurement.' })
@Entity({ name: 'framework_agreements' })
export class FrameworkAgreement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  procurementId: string;

  @Field({ description: 'First day of validity (YYYY-MM-DD).' })
  @Column({ type: 'date' })
  startsOn: string;

  @Field({ description: 'Last day of validity (YYYY-MM-DD), including extensions used.' })
  @Column({ type: 'date' })
  endsOn: string;

  @Field(() => CallOffMethod)
  @Column({ type: 'text' })
  callOffMethod: CallOffMethod;

  @Field(() => ID, { description: 'The organisation that owns contract follow-up (avtalsuppföljning, S2:293).' })
  @Column({ type: 'uuid' })
  followUpOrganizationId: string;

  @Field()
  @Column({ type: 'text' })
  followUpContactName: string;

  @Field()
  @Column({ type: 'text' })
  followUpContactEmail: string;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  awardedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  awardedByUserId: string | null;
}

@ObjectType({ description: 'An option to extend the agreement (förlängningsoption) and whether it was used.' })
@Entity({ name: 'agreement_extension_options' })
export class ExtensionOption {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  number: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  months: number;

  @Field(() => Date, { nullable: true })
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  usedByUserId: string | null;

  @Field()
  get used(): boolean {
    return this.usedAt !== null;
  }
}

@ObjectType({ description: 'A supplier awarded in one lot, with its ranking (1 = first call-off choice).' })
@Entity({ name: 'awarded_suppliers' })
export class AwardedSupplier {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  agreementId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  lotId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  supplierId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  ranking: number;
}

@Entity({ name: 'awarded_products' })
export class AwardedProduct {
  @PrimaryColumn({ type: 'uuid' })
  awardedSupplierId: string;

  @PrimaryColumn({ type: 'uuid' })
  productId: string;
}
