import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { TestReportBase } from './test-report.base.js';

@ObjectType({ description: 'A technical fault report (felanmälan), kept apart from care deviations (S2:203).' })
@Entity({ name: 'test_fault_reports' })
export class TechnicalFaultReport extends TestReportBase {
  @Field(() => String, { nullable: true, description: 'The device, system or integration that failed.' })
  @Column({ type: 'text', nullable: true })
  affectedComponent: string | null;

  @Field()
  @Column({ type: 'boolean', default: false })
  resolved: boolean;
}
