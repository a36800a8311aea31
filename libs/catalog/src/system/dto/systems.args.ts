import { ArgsType, Field } from '@nestjs/graphql';
import { OptionalText, PageArgs } from '#core';

@ArgsType()
export class SystemsArgs extends PageArgs {
  @Field(() => String, { nullable: true, description: 'System kind id or key.' })
  @OptionalText(100)
  kind?: string | null;

  @Field(() => String, { nullable: true, description: 'Matches name or vendor (case-insensitive).' })
  @OptionalText(200)
  search?: string | null;
}
