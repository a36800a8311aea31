import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { OptionalText, PageArgs } from '#core';
import { TestProtocolStatus } from '../../testbed.enums.js';

@ArgsType()
export class TestProtocolsArgs extends PageArgs {
  @Field(() => TestProtocolStatus, { nullable: true })
  @IsOptional()
  @IsEnum(TestProtocolStatus)
  status?: TestProtocolStatus | null;

  @Field(() => String, { nullable: true, description: 'Category id or key.' })
  @OptionalText(100)
  category?: string | null;

  @Field(() => ID, { nullable: true, description: 'Led by or taking part: this organisation.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;
}
