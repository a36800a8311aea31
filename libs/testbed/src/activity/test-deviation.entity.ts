import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { TestReportBase } from './test-report.base.js';

@ObjectType({
  description: 'A deviation (avvikelse) in care during the test; kept apart from technical faults (S2:203).',
})
@Entity({ name: 'test_deviations' })
export class TestDeviation extends TestReportBase {
  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  actionTaken: string | null;
}
