import { ArgsType, Field } from '@nestjs/graphql';
import { IsEmail, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { RequiredText, TextLimits } from '../../validation/validators.js';

@ArgsType()
export class CompleteSetupArgs {
  @Field({ description: 'The token from the one-time setup link the api printed at start (after `/setup#`).' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/)
  token: string;

  @Field()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @RequiredText(TextLimits.name)
  displayName: string;

  // Keep in sync with CreateUserInput.password and the web app's password rule.
  @Field({ description: 'At least 12 characters.' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password: string;
}
