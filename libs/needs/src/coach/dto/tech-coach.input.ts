import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { OptionalText, PageArgs, RequiredText, TextLimits } from '#core';
import { CareSetting } from '#catalog';
import { CoachActivityKind } from '../coach-activity.entity.js';

@InputType()
export class RegisterTechCoachInput {
  @Field(() => ID, { nullable: true, description: 'The user to register; yourself when left out.' })
  @IsOptional()
  @IsUUID()
  userId?: string | null;

  @Field()
  @RequiredText(TextLimits.name)
  unit: string;

  @Field(() => CareSetting)
  @IsEnum(CareSetting)
  setting: CareSetting;

  @Field(() => [String], { defaultValue: [], description: 'Technology category ids or keys the coach knows.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  categories?: string[];
}

@InputType()
export class UpdateTechCoachInput {
  @Field(() => ID)
  @IsUUID()
  coachId: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.name)
  unit?: string | null;

  @Field(() => CareSetting, { nullable: true })
  @IsOptional()
  @IsEnum(CareSetting)
  setting?: CareSetting | null;

  @Field(() => [String], { nullable: true, description: 'Replaces the categories when given.' })
  @IsOptional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  categories?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False deactivates the coach (kept in history, hidden from the default directory).',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}

@InputType()
export class RecordCoachActivityInput {
  @Field(() => ID, { nullable: true, description: 'The coach; your own coach profile when left out.' })
  @IsOptional()
  @IsUUID()
  coachId?: string | null;

  @Field(() => CoachActivityKind)
  @IsEnum(CoachActivityKind)
  kind: CoachActivityKind;

  @Field({ description: 'YYYY-MM-DD, not in the future.' })
  @IsDateString({ strict: true })
  occurredOn: string;

  @Field(() => Int, { description: 'Number of staff reached (0 to 10 000).' })
  @IsInt()
  @Min(0)
  @Max(10_000)
  staffReached: number;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  note?: string | null;
}

@ArgsType()
export class TechCoachesArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
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

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'Active coaches only (default); null for all.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;
}
