import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ProcurementStatus } from './procurement.enums.js';

@ObjectType({ description: 'A status transition and who made it (a user, or the system for the nightly scan).' })
@Entity({ name: 'procurement_status_changes' })
export class ProcurementStatusChange {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  procurementId: string;

  @Field(() => ProcurementStatus, { nullable: true })
  @Column({ type: 'text', nullable: true })
  fromStatus: ProcurementStatus | null;

  @Field(() => ProcurementStatus)
  @Column({ type: 'text' })
  toStatus: ProcurementStatus;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Field(() => ID, { nullable: true })
  @Column({ type: 'uuid', nullable: true })
  changedByUserId: string | null;

  @Field()
  @Column({ type: 'boolean', default: false })
  bySystem: boolean;

  @Field(() => Date)
  @Column({ type: 'timestamptz' })
  changedAt: Date;
}
