import { Field, ID, InputType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { OptionalText, RequiredText, TextLimits } from '#core';
import { NeedStatus } from '../need.enums.js';

@InputType()
export class ChangeNeedStatusInput {
  @Field(() => ID)
  @IsUUID()
  needId: string;

  @Field(() => NeedStatus)
  @IsEnum(NeedStatus)
  status: NeedStatus;

  @Field(() => String, { nullable: true, description: 'Shown to the reporter. Required for DECLINED.' })
  @OptionalText(TextLimits.short * 4)
  reason?: string | null;
}

@InputType()
export class MergeNeedInput {
  @Field(() => ID, { description: 'The duplicate, which becomes MERGED.' })
  @IsUUID()
  needId: string;

  @Field(() => ID, { description: 'The surviving need; endorsements move here.' })
  @IsUUID()
  intoNeedId: string;

  @Field({ description: 'Shown to the reporter of the duplicate.' })
  @RequiredText(TextLimits.short * 4)
  reason: string;
}

@InputType()
export class CommentOnNeedInput {
  @Field(() => ID)
  @IsUUID()
  needId: string;

  @Field()
  @RequiredText(5000)
  body: string;
}
