import { Field, Float, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDateString,
  IsEnum,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { MaxDecimalPlaces, OptionalText, RequiredText, TextLimits } from '#core';
import { ProcurementKind, ProcurementProcedure } from '../procurement.enums.js';

/** 10 000 MSEK: far above any county's joint procurement, low enough to catch a slipped digit. */
export const MAX_SEK = 10_000_000_000;

@InputType()
export class LotInput {
  @Field()
  @RequiredText(TextLimits.name)
  name: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  description?: string | null;
}

@InputType()
export class CreateProcurementInput {
  @Field()
  @RequiredText(TextLimits.title)
  title: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  description?: string | null;

  @Field(() => String, { description: 'Technology category id or key (e.g. MOBILE_SAFETY_ALARM).' })
  @RequiredText(100)
  category: string;

  @Field(() => [ID], { nullable: true, description: 'Needs the procurement answers.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  needIds?: string[];

  @Field(() => [ID], { nullable: true, description: 'Test decisions the procurement answers.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  testDecisionIds?: string[];

  @Field(() => ID, { nullable: true, description: "The leading organisation; defaults to the caller's." })
  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string | null;

  @Field(() => ProcurementProcedure)
  @IsEnum(ProcurementProcedure)
  procedure: ProcurementProcedure;

  @Field(() => ProcurementKind)
  @IsEnum(ProcurementKind)
  kind: ProcurementKind;

  @Field(() => Float, { nullable: true, description: 'SEK excluding VAT.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(MAX_SEK)
  estimatedValueSek?: number | null;

  @Field({ description: 'YYYY-MM-DD, first day to join.' })
  @IsDateString({ strict: true })
  participationOpensOn: string;

  @Field({ description: 'YYYY-MM-DD, last day to join (inclusive).' })
  @IsDateString({ strict: true })
  participationClosesOn: string;

  @Field(() => [LotInput], { description: 'At least one lot (delområde).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LotInput)
  lots: LotInput[];
}

@InputType({
  description: 'Changes a PLANNED procurement; fields left out stay as they are. `lots` replaces the lots.',
})
export class UpdateProcurementInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @RequiredText(TextLimits.title)
  title?: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  description?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @RequiredText(100)
  category?: string;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  needIds?: string[];

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  testDecisionIds?: string[];

  @Field(() => ProcurementProcedure, { nullable: true })
  @IsOptional()
  @IsEnum(ProcurementProcedure)
  procedure?: ProcurementProcedure;

  @Field(() => ProcurementKind, { nullable: true })
  @IsOptional()
  @IsEnum(ProcurementKind)
  kind?: ProcurementKind;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(MAX_SEK)
  estimatedValueSek?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  participationOpensOn?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsDateString({ strict: true })
  participationClosesOn?: string;

  @Field(() => [LotInput], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => LotInput)
  lots?: LotInput[];
}
