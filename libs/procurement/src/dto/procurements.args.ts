import { ArgsType, Field } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional } from 'class-validator';
import { OptionalText, PageArgs } from '#core';
import { ProcurementStatus } from '../procurement.enums.js';

@ArgsType()
export class ProcurementsArgs extends PageArgs {
  @Field(() => ProcurementStatus, { nullable: true })
  @IsOptional()
  @IsEnum(ProcurementStatus)
  status?: ProcurementStatus | null;

  @Field(() => String, { nullable: true, description: 'Category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only the ones the caller's organisation can join now (open, window running, not yet joined).",
  })
  @IsOptional()
  @IsBoolean()
  openForMyOrganization?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Only the ones the caller's organisation takes part in (has joined).",
  })
  @IsOptional()
  @IsBoolean()
  joinedByMyOrganization?: boolean | null;
}
