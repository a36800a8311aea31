import { Field, Float, ID, InputType, PartialType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsBoolean,
  IsDateString,
  IsEnum,
  IsNumber,
  IsOptional,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { CareSetting } from '#catalog';
import { ConsentApproach } from '../../testbed.enums.js';

@InputType()
export class SuccessCriterionInput {
  @Field(() => ID, {
    nullable: true,
    description: 'An existing criterion to keep (its results stay); leave out for a new one.',
  })
  @IsOptional()
  @IsUUID()
  id?: string | null;

  @Field({ description: 'The indicator, e.g. "Nattliga tillsynsbesök som väcker brukaren".' })
  @RequiredText(TextLimits.name)
  name: string;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-1e12)
  @Max(1e12)
  targetValue: number;

  @Field({ description: 'E.g. %, minutes per night, number.' })
  @RequiredText(50)
  unit: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  description?: string | null;
}

@InputType('TestDocumentLinkInput')
export class DocumentLinkInput {
  @Field()
  @RequiredText(TextLimits.title)
  title: string;

  @Field()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(TextLimits.url)
  url: string;
}

@InputType()
export class CreateTestProtocolInput {
  @Field()
  @RequiredText(TextLimits.title)
  title: string;

  @Field(() => String, { description: 'Technology category id or key (e.g. DIGITAL_SUPERVISION).' })
  @RequiredText(100)
  category: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @Field(() => [ID], { nullable: true, description: 'The needs the test answers.' })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  needIds?: string[] | null;

  @Field(() => ID, { nullable: true, description: "Defaults to the caller's organisation; node staff may name any." })
  @IsOptional()
  @IsUUID()
  leadOrganizationId?: string | null;

  @Field(() => [ID], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  participatingOrganizationIds?: string[] | null;

  @Field(() => [CareSetting], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(CareSetting, { each: true })
  settings?: CareSetting[] | null;

  @Field({ description: 'Syfte.' })
  @RequiredText(TextLimits.long)
  purpose: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  expectedBenefit?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  baseline?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true })
  plannedStart?: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true })
  plannedEnd?: string | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false })
  @IsOptional()
  @IsBoolean()
  broadRolloutIntended?: boolean | null;

  @Field(() => ConsentApproach, {
    description: 'Consent is given by the person, never by relatives or a guardian (S2:230).',
  })
  @IsEnum(ConsentApproach)
  consentApproach: ConsentApproach;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  consentDescription?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  informationSecurity?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  workEnvironment?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  involvement?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  risks?: string | null;

  @Field(() => [SuccessCriterionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => SuccessCriterionInput)
  successCriteria?: SuccessCriterionInput[] | null;

  @Field(() => [DocumentLinkInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => DocumentLinkInput)
  documents?: DocumentLinkInput[] | null;
}

/** Fields left out stay as they are; a list given replaces the list. */
@InputType()
export class UpdateTestProtocolInput extends PartialType(CreateTestProtocolInput, { omitDefaultValues: true }) {
  @Field(() => ID)
  @IsUUID()
  id: string;
}
