import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Transform, Type } from 'class-transformer';
import { OptionalNested, OptionalText, RequiredText, Role, TextLimits } from '#core';
import { IdentityProviderKind } from '../identity-provider.entity.js';

const URL_OPTIONS = { require_tld: false, require_protocol: true, protocols: ['https', 'http'] };
const SECRET_REF = /^(env:[A-Za-z_][A-Za-z0-9_]*|file:\/.+)$/;

@InputType({ description: 'Which claim or SAML attribute carries what; empty fields take the usual names.' })
export class ClaimMappingInput {
  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  name?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  familyName?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  organizationNumber?: string | null;

  @Field(() => String, { nullable: true, description: 'The claim/attribute listing groups or roles (e.g. `groups`).' })
  @OptionalText(TextLimits.short)
  groups?: string | null;
}

@InputType()
export class RoleMappingInput {
  @Field()
  @RequiredText(TextLimits.short)
  group: string;

  @Field(() => Role)
  @IsEnum(Role)
  role: Role;
}

/** Fields shared by create and update; on update every field is optional and only the given ones change. */
@InputType({ isAbstract: true })
abstract class IdentityProviderFields {
  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.name)
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'OIDC: the issuer URL (discovery is read from it).' })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(TextLimits.url)
  issuer?: string | null;

  @Field(() => String, { nullable: true })
  @OptionalText(TextLimits.short)
  clientId?: string | null;

  @Field(() => String, { nullable: true, description: '`env:VARIABLE` or `file:/path`; never the secret itself.' })
  @IsOptional()
  @Matches(SECRET_REF, { message: 'clientSecretRef must be env:VARIABLE or file:/path' })
  @MaxLength(TextLimits.short)
  clientSecretRef?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(/^[\x21-\x7e]{1,200}$/, { each: true })
  scopes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: '`sub`, `oid` (Entra ID), `nameID` (SAML) or a claim/attribute.',
  })
  @OptionalText(TextLimits.short)
  subjectClaim?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(/^[0-9a-f-]{36}$/i, { each: true, message: 'each tenant id is a GUID' })
  allowedTenantIds?: string[] | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsUrl(URL_OPTIONS)
  @MaxLength(TextLimits.url)
  metadataUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'SAML metadata XML, when there is no URL to read it from.' })
  @IsOptional()
  @IsString()
  @MaxLength(500_000)
  metadataXml?: string | null;

  @Field(() => String, { nullable: true, description: 'PEM certificate the metadata must be signed with.' })
  @IsOptional()
  @IsString()
  @MaxLength(20_000)
  metadataCertificate?: string | null;

  @OptionalNested(() => ClaimMappingInput)
  claimMapping?: ClaimMappingInput | null;

  @Field(() => [RoleMappingInput], { nullable: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => RoleMappingInput)
  roleMapping?: RoleMappingInput[] | null;
}

@InputType()
export class CreateIdentityProviderInput extends IdentityProviderFields {
  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => IdentityProviderKind)
  @IsEnum(IdentityProviderKind)
  kind: IdentityProviderKind;

  @Field()
  @RequiredText(TextLimits.name)
  declare displayName: string;
}

@InputType()
export class UpdateIdentityProviderInput extends IdentityProviderFields {
  @Field(() => ID)
  @IsUUID()
  id: string;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;
}

@InputType()
export class InviteUserInput {
  @Field()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsEmail()
  @MaxLength(254)
  email: string;

  @Field()
  @RequiredText(TextLimits.name)
  displayName: string;

  @Field(() => ID)
  @IsUUID()
  organizationId: string;

  @Field(() => [Role], { description: 'The roles the person has from their first sign-in (may be empty).' })
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsEnum(Role, { each: true })
  roles: Role[];
}

@ObjectType({ description: 'What testing a provider found: reachable, configured, and what is wrong if not.' })
export class IdentityProviderCheck {
  @Field()
  ok: boolean;

  @Field(() => [String], { description: 'Problems found, in English for the operator (empty when ok).' })
  problems: string[];

  @Field(() => String, { nullable: true })
  issuerOrEntityId: string | null;
}
