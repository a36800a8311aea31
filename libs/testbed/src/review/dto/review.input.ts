import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OptionalText, PageArgs, RequiredText, TextLimits } from '#core';
import { QuorumRule, SteeringRecommendation } from '../../testbed.enums.js';

@InputType()
export class CastSteeringVoteInput {
  @Field(() => ID, {
    description: 'The protocol version under review (see `reviewQueue` / `TestProtocol.openVersion`).',
  })
  @IsUUID()
  versionId: string;

  @Field(() => SteeringRecommendation)
  @IsEnum(SteeringRecommendation)
  recommendation: SteeringRecommendation;

  @Field()
  @RequiredText(TextLimits.long)
  rationale: string;

  @Field(() => String, { nullable: true, description: 'Required with RECOMMEND_WITH_CONDITIONS.' })
  @OptionalText(TextLimits.long)
  conditions?: string | null;
}

@InputType()
export class ConfigureSteeringQuorumInput {
  @Field(() => QuorumRule)
  @IsEnum(QuorumRule)
  rule: QuorumRule;

  @Field(() => Int, { nullable: true, description: 'Only with MINIMUM_VOTES.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  minimumVotes?: number | null;
}

@ArgsType()
export class DecisionsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => SteeringRecommendation, { nullable: true })
  @IsOptional()
  @IsEnum(SteeringRecommendation)
  outcome?: SteeringRecommendation | null;
}
