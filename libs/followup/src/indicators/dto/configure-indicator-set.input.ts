import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsBoolean, IsEnum, IsOptional, Matches, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { IndicatorType } from '../indicator-set.entity.js';

@InputType()
export class IndicatorInput {
  @Field({
    description:
      'Stable key used in answers: letters and digits, starting with a lower-case letter (e.g. `perceivedSafety`).',
  })
  @RequiredText(60)
  @Matches(/^[a-z][A-Za-z0-9]*$/, { message: 'key must be camelCase letters and digits' })
  key: string;

  @Field()
  @RequiredText(TextLimits.title)
  labelSv: string;

  @Field()
  @RequiredText(TextLimits.title)
  labelEn: string;

  @Field(() => IndicatorType)
  @IsEnum(IndicatorType)
  type: IndicatorType;

  @Field(() => String, { nullable: true })
  @OptionalText(60)
  unit?: string | null;

  @Field({ defaultValue: false })
  @IsOptional()
  @IsBoolean()
  required: boolean = false;
}

@InputType()
export class ConfigureIndicatorSetInput {
  @Field(() => String, {
    nullable: true,
    description: 'Category id or key; omit to configure the default for all categories.',
  })
  @OptionalText(100)
  category?: string | null;

  @Field(() => [IndicatorInput], {
    description: 'The whole set, in order: a new version replaces the previous one for follow-ups opened from now on.',
  })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => IndicatorInput)
  indicators: IndicatorInput[];
}
