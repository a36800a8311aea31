import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, IsOptional, IsUUID, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { ProductVersionInput } from '../../product/dto/create-product.input.js';

@InputType()
export class SystemVersionInput extends ProductVersionInput {}

@InputType()
export class CreateSystemInput {
  @Field(() => String, { description: 'System kind id or key (e.g. ALARM_RECEIVER).' })
  @RequiredText(100)
  kind: string;

  @Field()
  @RequiredText(TextLimits.name)
  name: string;

  @Field({ description: 'The vendor (e.g. Tieto Evry, Tunstall).' })
  @RequiredText(TextLimits.name)
  vendorName: string;

  @Field(() => ID, { nullable: true, description: 'The vendor as a supplier in the catalogue, if it is one.' })
  @IsOptional()
  @IsUUID()
  supplierId?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  description?: string | null;

  @Field(() => [SystemVersionInput], { nullable: true, description: 'Released versions; the highest becomes current.' })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => SystemVersionInput)
  versions?: SystemVersionInput[];
}

@InputType()
export class AddSystemVersionInput extends SystemVersionInput {
  @Field(() => ID)
  @IsUUID()
  systemId: string;

  @Field({ nullable: true, defaultValue: true, description: 'Make this the current version.' })
  @IsOptional()
  makeCurrent?: boolean;
}
