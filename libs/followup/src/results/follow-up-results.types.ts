import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { OptionalText } from '#core';
import { IndicatorType } from '../indicators/indicator-set.entity.js';

@ArgsType()
export class FollowUpResultsArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @Field(() => String, { nullable: true, description: 'Category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => Int, { nullable: true, description: '12 or 24; both when left out.' })
  @IsOptional()
  @IsIn([12, 24])
  wave?: number | null;
}

@ObjectType()
export class ValueCount {
  @Field({ description: '1–5 for scales, "true"/"false" for yes/no.' })
  value: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'One indicator aggregated over the latest answers of a group. Free text is never aggregated or shown.' })
export class IndicatorAggregate {
  @Field()
  key: string;

  @Field()
  labelSv: string;

  @Field(() => IndicatorType)
  type: IndicatorType;

  @Field(() => String, { nullable: true })
  unit: string | null;

  @Field(() => Int, { description: 'Answers that gave a value.' })
  responses: number;

  @Field(() => Float, { nullable: true })
  sum: number | null;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => [ValueCount], { description: 'For scales and yes/no.' })
  distribution: ValueCount[];
}

@ObjectType({ description: 'Follow-ups of one product or category and one wave, across the county.' })
export class FollowUpResultGroup {
  @Field(() => ID, { nullable: true })
  productId: string | null;

  @Field(() => String, { nullable: true })
  productName: string | null;

  @Field(() => ID)
  categoryId: string;

  @Field()
  categoryKey: string;

  @Field(() => Int)
  wave: number;

  @Field(() => Int, { description: 'Follow-ups whose due date has come (not cancelled).' })
  due: number;

  @Field(() => Int)
  answered: number;

  @Field(() => Int, { description: 'Unanswered 30 days after opening.' })
  overdue: number;

  @Field(() => Int, { description: 'Organisations with a follow-up in the group.' })
  organizations: number;

  @Field(() => Float, { nullable: true, description: 'answered / due, 0–1; null when none is due.' })
  responseRate: number | null;

  @Field(() => [IndicatorAggregate])
  indicators: IndicatorAggregate[];
}

@ObjectType()
export class FollowUpResults {
  @Field(() => [FollowUpResultGroup])
  byProduct: FollowUpResultGroup[];

  @Field(() => [FollowUpResultGroup])
  byCategory: FollowUpResultGroup[];
}
