import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProcurementKind, ProcurementProcedure, ProcurementStatus } from './procurement.enums.js';

/** numeric columns arrive as strings from pg; amounts in SEK stay well inside a double's exact range. */
export const NUMERIC_SEK = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value == null ? null : Number(value)),
};

@ObjectType({
  description:
    'A joint procurement (gemensam upphandling) led by one organisation, which municipalities and the region join.',
})
@Entity({ name: 'procurements' })
export class Procurement {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field()
  @Column({ type: 'text' })
  title: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  categoryId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  leadOrganizationId: string;

  @Field(() => ProcurementProcedure)
  @Column({ type: 'text' })
  procedure: ProcurementProcedure;

  @Field(() => ProcurementKind)
  @Column({ type: 'text' })
  kind: ProcurementKind;

  @Field(() => Float, { nullable: true, description: 'Estimated total value in SEK, excluding VAT.' })
  @Column({ type: 'numeric', nullable: true, transformer: NUMERIC_SEK })
  estimatedValueSek: number | null;

  @Field({ description: 'First day to join (YYYY-MM-DD, Europe/Stockholm, inclusive).' })
  @Column({ type: 'date' })
  participationOpensOn: string;

  @Field({ description: 'Last day to join (YYYY-MM-DD, Europe/Stockholm, inclusive).' })
  @Column({ type: 'date' })
  participationClosesOn: string;

  @Field(() => ProcurementStatus)
  @Column({ type: 'text' })
  status: ProcurementStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  cancellationReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Field(() => Date, {
    nullable: true,
    description: 'When it was first announced for participation; null while it never was.',
  })
  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
