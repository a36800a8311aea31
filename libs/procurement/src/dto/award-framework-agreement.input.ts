import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsDateString,
  IsEmail,
  IsEnum,
  IsInt,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { RequiredText, TextLimits } from '#core';
import { CallOffMethod } from '../procurement.enums.js';

@InputType()
export class AwardedSupplierInput {
  @Field(() => ID)
  @IsUUID()
  supplierId: string;

  @Field(() => Int, { description: '1 = first choice for direct call-off.' })
  @IsInt()
  @Min(1)
  @Max(100)
  ranking: number;

  @Field(() => [ID], { description: 'The supplier’s products awarded in this lot.' })
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds: string[];
}

@InputType()
export class AwardedLotInput {
  @Field(() => ID)
  @IsUUID()
  lotId: string;

  @Field(() => [AwardedSupplierInput])
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AwardedSupplierInput)
  suppliers: AwardedSupplierInput[];
}

@InputType()
export class ExtensionOptionInput {
  @Field(() => Int)
  @IsInt()
  @Min(1)
  @Max(120)
  months: number;
}

@InputType()
export class AwardFrameworkAgreementInput {
  @Field(() => ID)
  @IsUUID()
  procurementId: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsDateString({ strict: true })
  startsOn: string;

  @Field({ description: 'YYYY-MM-DD, last day of validity.' })
  @IsDateString({ strict: true })
  endsOn: string;

  @Field(() => [ExtensionOptionInput], { nullable: true, defaultValue: [] })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ExtensionOptionInput)
  extensionOptions: ExtensionOptionInput[] = [];

  @Field(() => CallOffMethod)
  @IsEnum(CallOffMethod)
  callOffMethod: CallOffMethod;

  @Field(() => ID, { description: 'The organisation that owns contract follow-up.' })
  @IsUUID()
  followUpOrganizationId: string;

  @Field()
  @RequiredText(TextLimits.name)
  followUpContactName: string;

  @Field()
  @IsEmail()
  @MaxLength(320)
  followUpContactEmail: string;

  @Field(() => [AwardedLotInput], { description: 'The awarded lots (at least one).' })
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => AwardedLotInput)
  lots: AwardedLotInput[];
}

@InputType()
export class UseExtensionOptionInput {
  @Field(() => ID)
  @IsUUID()
  agreementId: string;

  @Field(() => ID)
  @IsUUID()
  optionId: string;
}
