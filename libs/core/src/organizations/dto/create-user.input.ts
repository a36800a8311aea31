import { Field, ID, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsEmail, IsEnum, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';
import { Role } from '../../auth/role.js';
import { RequiredText, TextLimits } from '../../validation/validators.js';

@InputType()
export class CreateUserInput {
  @Field()
  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field({ description: 'At least 12 characters.' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  password: string;

  @Field()
  @RequiredText(TextLimits.name)
  displayName: string;

  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => [Role])
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];
}
