import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDateString, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { ConformanceRole } from '../compatibility-enums.js';

@InputType()
export class RecordStandardConformanceInput {
  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field({ description: 'Standard id or key (e.g. SCAIP).' })
  @RequiredText(100)
  standard: string;

  @Field(() => ConformanceRole, { nullable: true, description: 'Sender or receiver side (SCAIP).' })
  @IsOptional()
  @IsEnum(ConformanceRole)
  role?: ConformanceRole | null;

  @Field(() => String, { nullable: true })
  @OptionalText(100)
  certificateId?: string | null;

  @Field(() => String, { nullable: true, description: 'E.g. SIS-TR 91101:2016.' })
  @OptionalText(100)
  testSpecificationVersion?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true })
  validFrom?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true })
  validTo?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  note?: string | null;
}
