import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { OptionalText, TextLimits } from '#core';
import { CompatibilityStatus, EvidenceLevel } from '../compatibility-enums.js';

@InputType({
  description: 'A statement: product versions × system versions (or a standard) → status, with its evidence.',
})
export class AssertCompatibilityInput {
  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field({ description: 'Product version range: `>=2.1 <3`, `2.x`, `2.1`, `*`.' })
  @IsString()
  @MaxLength(200)
  productVersions: string;

  @Field(() => ID, { nullable: true, description: 'The system; give either this or standardId.' })
  @IsOptional()
  @IsUUID()
  systemId?: string | null;

  @Field(() => String, { nullable: true, description: 'System version range; all versions (`*`) when left out.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  systemVersions?: string | null;

  @Field(() => ID, { nullable: true, description: 'The standard; give either this or systemId.' })
  @IsOptional()
  @IsUUID()
  standardId?: string | null;

  @Field(() => CompatibilityStatus)
  @IsEnum(CompatibilityStatus)
  status: CompatibilityStatus;

  @Field(() => EvidenceLevel)
  @IsEnum(EvidenceLevel)
  evidence: EvidenceLevel;

  @Field(() => String, { nullable: true, description: 'What works and what does not; required for PARTIAL.' })
  @OptionalText(TextLimits.long)
  note?: string | null;

  @Field(() => String, { nullable: true, description: 'Where it comes from: datasheet, test report, follow-up.' })
  @OptionalText(TextLimits.short)
  sourceNote?: string | null;

  @Field(() => ID, { nullable: true, description: 'Required for COUNTY_TESTED: the test protocol.' })
  @IsOptional()
  @IsUUID()
  testProtocolId?: string | null;

  @Field(() => ID, { nullable: true, description: 'For VERIFIED_IN_PRODUCTION: the implementation followed up.' })
  @IsOptional()
  @IsUUID()
  implementationId?: string | null;
}
