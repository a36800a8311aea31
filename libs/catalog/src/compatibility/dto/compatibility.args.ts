import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { OptionalText, RequiredText } from '#core';
import { VERSION_PATTERN } from '../../product/dto/create-product.input.js';
import { ConformanceRole } from '../compatibility-enums.js';

@ArgsType()
export class CompatibilityMatrixArgs {
  @Field({ description: 'Technology category id or key (e.g. SAFETY_ALARM).' })
  @RequiredText(100)
  category: string;

  @Field(() => String, { nullable: true, description: 'System kind id or key; all systems when left out.' })
  @OptionalText(100)
  systemKind?: string | null;
}

@ArgsType()
export class CompatibleProductsArgs {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field({ description: 'Technology category id or key.' })
  @RequiredText(100)
  category: string;
}

@ArgsType()
export class UpgradeImpactArgs {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => ID)
  @IsUUID()
  systemId: string;

  @Field({ description: 'The version the organisation plans to move to.' })
  @IsString()
  @MaxLength(50)
  @Matches(VERSION_PATTERN, { message: 'toVersion must be like 2, 2.1 or 2.1.3' })
  toVersion: string;
}

@ArgsType()
export class CompatibilityHistoryArgs {
  @Field(() => ID)
  @IsUUID()
  productId: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  systemId?: string | null;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID()
  standardId?: string | null;
}

@ArgsType()
export class StandardConformancesArgs {
  @Field({ description: 'Standard id or key (e.g. SCAIP).' })
  @RequiredText(100)
  standard: string;

  @Field(() => ConformanceRole, { nullable: true, description: 'Only this side; BOTH counts for either.' })
  @IsOptional()
  @IsEnum(ConformanceRole)
  role?: ConformanceRole | null;

  @Field({ nullable: true, defaultValue: false, description: 'Include certificates whose validity has ended.' })
  @IsOptional()
  includeExpired?: boolean;
}
