import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '#core';
import { ImplementationStatus } from '../implementation.entity.js';

@ArgsType()
export class ImplementationsArgs extends PageArgs {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  productId?: string | null;

  @Field(() => ImplementationStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ImplementationStatus)
  status?: ImplementationStatus | null;
}
