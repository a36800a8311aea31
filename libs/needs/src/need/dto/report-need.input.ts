import { Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { CareSetting } from '#catalog';
import { NeedSource, NeedTargetGroup, NeedUrgency } from '../need.enums.js';

@InputType()
export class ReportNeedInput {
  @Field({ description: 'A short name for the problem.' })
  @RequiredText(TextLimits.title)
  title: string;

  @Field({ description: 'The problem and for whom, not a product ("vi gick direkt på lösningen", S1:2050).' })
  @RequiredText(TextLimits.long)
  description: string;

  @Field(() => NeedTargetGroup)
  @IsEnum(NeedTargetGroup)
  targetGroup: NeedTargetGroup;

  @Field(() => CareSetting)
  @IsEnum(CareSetting)
  setting: CareSetting;

  @Field(() => NeedSource)
  @IsEnum(NeedSource)
  source: NeedSource;

  @Field(() => String, {
    nullable: true,
    description: 'Technology category id or key, if known (e.g. DIGITAL_SUPERVISION).',
  })
  @OptionalText(100)
  category?: string | null;

  @Field(() => NeedUrgency, { defaultValue: NeedUrgency.MEDIUM })
  @IsOptional()
  @IsEnum(NeedUrgency)
  urgency?: NeedUrgency;

  @Field({ defaultValue: false, description: 'Concerns a hard-to-reach group (S1:2065).' })
  @IsOptional()
  @IsBoolean()
  hardToReach?: boolean;

  @Field(() => Int, { nullable: true, description: 'About how many people in your organisation are affected.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  estimatedPeopleAffected?: number | null;
}
