import { ArgsType, Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { OptionalText, Suppressible, Suppression } from '#core';
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

@ObjectType({
  description: 'One indicator aggregated over the latest answers of a group. Free text is never aggregated or shown.',
})
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

  @Field(() => Boolean, {
    description: 'True for a count of people (a COUNT indicator in "personer"): subject to the small-number rule.',
  })
  countsPeople: boolean;

  @Field(() => Float, {
    nullable: true,
    description: 'Null for a count of people below the minimum, unless it is your own.',
  })
  sum: number | null;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Suppression, { nullable: true, description: 'Set when sum and mean are withheld.' })
  suppression: Suppression | null;

  @Field(() => [ValueCount], { description: 'For scales and yes/no.' })
  distribution: ValueCount[];
}

@ObjectType({
  implements: () => [Suppressible],
  description:
    'Follow-ups of one product or category and one wave, across the county. Withheld (suppressed, figures null) for groups too small to share.',
})
export class FollowUpResultGroup implements Suppressible {
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

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Follow-ups whose due date has come (not cancelled). Null when suppressed.',
  })
  due: number | null;

  @Field(() => Int, { nullable: true })
  answered: number | null;

  @Field(() => Int, { nullable: true, description: 'Unanswered 30 days after opening.' })
  overdue: number | null;

  @Field(() => Int, { nullable: true, description: 'Organisations with a follow-up in the group.' })
  organizations: number | null;

  @Field(() => Float, { nullable: true, description: 'answered / due, 0–1; null when none is due.' })
  responseRate: number | null;

  @Field(() => [IndicatorAggregate], { nullable: true })
  indicators: IndicatorAggregate[] | null;
}

@ObjectType()
export class FollowUpResults {
  @Field(() => [FollowUpResultGroup])
  byProduct: FollowUpResultGroup[];

  @Field(() => [FollowUpResultGroup])
  byCategory: FollowUpResultGroup[];
}
