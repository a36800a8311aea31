import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CallOffMethod } from './procurement.enums.js';
import { NUMERIC_SEK } from './procurement.entity.js';

@ObjectType({ description: 'A call-off (avrop) by a participating organisation under a framework agreement.' })
@Entity({ name: 'call_offs' })
export class CallOff {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  agreementId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  lotId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  supplierId: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  productId: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  quantity: number;

  @Field(() => Float, { description: 'Value in SEK, excluding VAT.' })
  @Column({ type: 'numeric', transformer: NUMERIC_SEK })
  valueSek: number;

  @Field({ description: 'YYYY-MM-DD' })
  @Column({ type: 'date' })
  calledOffOn: string;

  @Field(() => CallOffMethod)
  @Column({ type: 'text' })
  method: CallOffMethod;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
