import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsDateString, IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '#core';
import { FollowUpStatus } from '../follow-up.entity.js';

@ArgsType()
export class FollowUpsArgs extends PageArgs {
  @Field(() => FollowUpStatus, { nullable: true })
  @IsOptional()
  @IsEnum(FollowUpStatus)
  status?: FollowUpStatus | null;

  @Field(() => [FollowUpStatus], {
    nullable: true,
    description: 'Any of these statuses (OVERDUE and OPEN: the ones still to answer, the most overdue first).',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @IsEnum(FollowUpStatus, { each: true })
  statuses?: FollowUpStatus[] | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  implementationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Due on or before this date (YYYY-MM-DD).' })
  @IsOptional()
  @IsDateString({ strict: true })
  dueBefore?: string | null;

  @Field(() => Int, { nullable: true, description: '12 or 24.' })
  @IsOptional()
  @IsIn([12, 24])
  wave?: number | null;
}
