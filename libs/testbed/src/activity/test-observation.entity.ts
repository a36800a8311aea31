import { Field, ObjectType } from '@nestjs/graphql';
import { Column, Entity } from 'typeorm';
import { ObservationKind } from '../testbed.enums.js';
import { TestReportBase } from './test-report.base.js';

@ObjectType({ description: 'An obstacle, opportunity or lesson seen during the test (S4:336).' })
@Entity({ name: 'test_observations' })
export class TestObservation extends TestReportBase {
  @Field(() => ObservationKind)
  @Column({ type: 'text' })
  kind: ObservationKind;
}
