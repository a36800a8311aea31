import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { Role } from '../../auth/role.js';
import { OptionalText, RequiredText, TextLimits } from '../../validation/validators.js';

@InputType()
export class CreateUserInput {
  @Field()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
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

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.name)
  displayName?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'false: the user can no longer log in (kept for the record).' })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => [Role], { nullable: true, description: 'Replaces the roles.' })
  @IsOptional()
  @ArrayMinSize(1)
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles?: Role[] | null;
}

@ArgsType()
export class ChangePasswordArgs {
  @Field()
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @Field({ description: 'At least 12 characters.' })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword: string;
}
