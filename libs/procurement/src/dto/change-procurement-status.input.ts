import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsUrl, IsUUID } from 'class-validator';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { ProcurementStatus } from '../procurement.enums.js';

@InputType()
export class ChangeProcurementStatusInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => ProcurementStatus)
  @IsEnum(ProcurementStatus)
  status: ProcurementStatus;

  @Field(() => String, { nullable: true, description: 'Required when cancelling.' })
  @OptionalText(TextLimits.short)
  reason?: string | null;
}

@InputType()
export class PublishRequirementSpecificationInput {
  @Field(() => ID)
  @IsUUID()
  procurementId: string;

  @Field({ description: 'What this version says or changes.' })
  @RequiredText(TextLimits.long)
  summary: string;

  @Field(() => [String], { description: 'Links to the documents (https).' })
  @ArrayMaxSize(50)
  @IsUrl({ protocols: ['https'], require_protocol: true, require_tld: true }, { each: true })
  documentUrls: string[];
}
