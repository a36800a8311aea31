import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { OptionalText, TextLimits } from '#core';
import { TestProtocolStatus } from '../../testbed.enums.js';

@InputType()
export class ChangeTestProtocolStatusInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => TestProtocolStatus)
  @IsEnum(TestProtocolStatus)
  status: TestProtocolStatus;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  reason?: string | null;
}
