import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@ObjectType({ description: 'A standard products can conform to (SCAIP SS 91100, CLC/TS 50134-9, HL7 FHIR…), seeded.' })
@Entity({ name: 'standards' })
export class Standard {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field({ description: 'Stable key, e.g. SCAIP.' })
  @Column({ type: 'text' })
  key: string;

  @Field()
  @Column({ type: 'text' })
  name: string;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  about: string | null;

  @Field(() => Int)
  @Column({ type: 'integer', default: 0 })
  sortOrder: number;
}
