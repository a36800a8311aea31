import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsOptional, IsUUID } from 'class-validator';
import { OptionalText, PageArgs } from '#core';

@ArgsType()
export class ProductsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'Category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  supplierId?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches name, model or supplier (case-insensitive).' })
  @OptionalText(200)
  search?: string | null;
}
