import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { OptionalText } from '#core';

@InputType()
export class EndorseNeedInput {
  @Field(() => ID)
  @IsUUID()
  needId: string;

  @Field(() => String, { nullable: true, description: 'How the need shows up in your organisation.' })
  @OptionalText(2000)
  comment?: string | null;

  @Field(() => Int, { nullable: true, description: 'About how many people in your organisation are affected.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  peopleAffected?: number | null;
}
