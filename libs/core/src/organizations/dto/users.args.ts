import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsBoolean, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { PageArgs } from '../../pagination/connection.js';
import { Role } from '../../auth/role.js';
import { OptionalText, TextLimits } from '../../validation/validators.js';

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => ID, { nullable: true, description: 'Users of this organisation. Members may only name their own.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string | null;

  @Field(() => Role, { nullable: true, description: 'Users holding this role.' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Node admins: true for active users, false for deactivated ones, left out for both. Others always see active users.',
  })
  @IsOptional()
  @IsBoolean()
  active?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the name or the e-mail address.' })
  @OptionalText(TextLimits.name)
  search?: string | null;
}
