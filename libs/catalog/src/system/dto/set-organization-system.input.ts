import { Field, ID, InputType } from '@nestjs/graphql';
import { IsDateString, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { OptionalText, TextLimits } from '#core';
import { VERSION_PATTERN } from '../../product/dto/create-product.input.js';

@InputType({
  description: 'Records that the organisation runs the system at this version (replaces what was recorded).',
})
export class SetOrganizationSystemInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => ID)
  @IsUUID()
  systemId: string;

  @Field({ description: 'The version in use, e.g. 7 or 7.2.1.' })
  @IsString()
  @MaxLength(50)
  @Matches(VERSION_PATTERN, { message: 'version must be like 2, 2.1 or 2.1.3' })
  version: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true })
  inUseSince?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  note?: string | null;
}

@InputType()
export class RemoveOrganizationSystemInput {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => ID)
  @IsUUID()
  systemId: string;
}
