import { Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
  IsDateString,
} from 'class-validator';
import { Type } from 'class-transformer';
import { OptionalText, RequiredText, TextLimits } from '#core';

export const VERSION_PATTERN = /^\d+(\.\d+){0,2}([-+][0-9A-Za-z.-]+)?$/;

@InputType()
export class ProductVersionInput {
  @Field({ description: 'Semver-like: 2, 2.1 or 2.1.3 (optionally -beta.1).' })
  @IsString()
  @MaxLength(50)
  @Matches(VERSION_PATTERN, { message: 'version must be like 2, 2.1 or 2.1.3' })
  version: string;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  @IsOptional()
  @IsDateString({ strict: true })
  releasedOn?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  notes?: string | null;
}

@InputType()
export class CreateProductInput {
  @Field(() => String, { description: 'Category id or key (e.g. DIGITAL_SUPERVISION).' })
  @RequiredText(100)
  category: string;

  @Field(() => ID)
  @IsUUID()
  supplierId: string;

  @Field()
  @RequiredText(TextLimits.name)
  name: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.name)
  model?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.long)
  description?: string | null;

  @Field(() => [ProductVersionInput], {
    nullable: true,
    description: 'Released versions; the highest becomes current.',
  })
  @IsOptional()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => ProductVersionInput)
  versions?: ProductVersionInput[];
}

@InputType()
export class AddProductVersionInput extends ProductVersionInput {
  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field({ nullable: true, defaultValue: true, description: 'Make this the current version.' })
  @IsOptional()
  makeCurrent?: boolean;
}
