import { Field, ID, InputType } from '@nestjs/graphql';
import { IsObject, IsUUID } from 'class-validator';
import { GraphQLJSON, OptionalText, TextLimits } from '#core';

@InputType()
export class AnswerFollowUpInput {
  @Field(() => ID)
  @IsUUID()
  followUpId: string;

  @Field(() => GraphQLJSON, {
    description:
      'Indicator values keyed by indicator key, e.g. `{ "perceivedSafety": 4, "continuedUse": true, "deviations": 2 }`.',
  })
  @IsObject()
  values: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description: 'Required for a correction (the follow-up is already answered).',
  })
  @OptionalText(TextLimits.short)
  correctionReason?: string | null;
}
