import { Field, InputType } from '@nestjs/graphql';
import { IsUrl, Matches, MaxLength, IsOptional } from 'class-validator';
import { OptionalText, RequiredText, TextLimits } from '#core';

@InputType()
export class CreateSupplierInput {
  @Field()
  @RequiredText(TextLimits.name)
  name: string;

  @Field(() => String, { nullable: true, description: 'Organisationsnummer, NNNNNN-NNNN.' })
  @OptionalText(20)
  @Matches(/^\d{6}-?\d{4}$/, { message: 'organizationNumber must look like 556677-8899' })
  organizationNumber?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(TextLimits.url)
  website?: string | null;
}
