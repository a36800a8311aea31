import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsOptional } from 'class-validator';
import { OptionalText } from '#core';

@ArgsType()
export class IndicatorSetsArgs {
  @Field(() => String, { nullable: true, description: 'Category id or key: its own set and the default.' })
  @OptionalText(100)
  category?: string | null;

  @Field({ defaultValue: false, description: 'Every version, not only the current ones.' })
  @IsOptional()
  @IsBoolean()
  includeHistory: boolean = false;
}
