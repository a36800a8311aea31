import { Field, Float, ID, InputType, Int } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsInt, IsNumber, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { MaxDecimalPlaces } from '#core';
import { CallOffMethod } from '../procurement.enums.js';
import { MAX_SEK } from './create-procurement.input.js';

@InputType({ description: 'A call-off as the coordinator is choosing it: agreement, lot and product, before amounts.' })
export class CallOffPreviewInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field(() => ID, {
    nullable: true,
    description: "The calling-off organisation; defaults to the caller's (node staff must give it).",
  })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD; defaults to today.' })
  @IsOptional()
  @IsDateString({ strict: true })
  calledOffOn?: string | null;
}

@InputType()
export class CreateCallOffInput extends CallOffPreviewInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity: number;

  @Field(() => Float, { description: 'SEK excluding VAT.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @MaxDecimalPlaces(2)
  @Min(0)
  @Max(MAX_SEK)
  valueSek: number;

  @Field(() => CallOffMethod, { nullable: true, description: "Defaults to the agreement's call-off method." })
  @IsOptional()
  @IsEnum(CallOffMethod)
  method?: CallOffMethod | null;
}
