import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsBoolean, IsEnum, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OptionalText, PageArgs, RequiredText, TextLimits } from '#core';
import { CareSetting } from '#catalog';
import { NeedSort, NeedStatus } from '../need.enums.js';

@ArgsType()
export class NeedsArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'The owning (reporting) organisation.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Technology category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => CareSetting, { nullable: true })
  @IsOptional()
  @IsEnum(CareSetting)
  setting?: CareSetting | null;

  @Field(() => [NeedStatus], {
    nullable: true,
    description: 'Any of these statuses. Without it, MERGED needs are left out.',
  })
  @IsOptional()
  @ArrayMaxSize(7)
  @IsEnum(NeedStatus, { each: true })
  statuses?: NeedStatus[] | null;

  @Field(() => String, { nullable: true, description: 'Words in the title or description (Swedish stemming).' })
  @OptionalText(200)
  search?: string | null;

  @Field(() => NeedSort, { defaultValue: NeedSort.NEWEST })
  @IsOptional()
  @IsEnum(NeedSort)
  sort?: NeedSort;
}

@ArgsType()
export class SimilarNeedsAwaitingTriageArgs {
  @Field({ description: 'The draft title.' })
  @RequiredText(TextLimits.title)
  title: string;

  @Field(() => String, { nullable: true, description: 'The draft description.' })
  @OptionalText(TextLimits.long)
  description?: string | null;
}

@ArgsType()
export class SimilarNeedsArgs {
  @Field({ description: 'The draft title.' })
  @RequiredText(TextLimits.title)
  title: string;

  @Field(() => String, { nullable: true, description: 'The draft description.' })
  @OptionalText(TextLimits.long)
  description?: string | null;

  @Field(() => Int, { defaultValue: 5, description: '1 to 20.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(20)
  first?: number;

  @Field({ defaultValue: false, description: 'Also show declined needs (flagged by their status).' })
  @IsOptional()
  @IsBoolean()
  includeDeclined?: boolean;
}
