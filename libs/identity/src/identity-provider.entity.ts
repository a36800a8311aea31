import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { GraphQLJSON, Role } from '#core';

export enum IdentityProviderKind {
  OIDC = 'OIDC',
  SAML = 'SAML',
}
registerEnumType(IdentityProviderKind, {
  name: 'IdentityProviderKind',
  description:
    'OIDC: Entra ID, Inera, Freja OrgID and other OpenID Connect providers. SAML: Sambi and other SAML 2.0 IdPs.',
});

/** Which claim (OIDC) or attribute (SAML) carries the person's name, e-mail, organisation number and groups. */
export interface ClaimMapping {
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  organizationNumber?: string;
  groups?: string;
}

export interface RoleMappingRule {
  /** A value of the groups claim/attribute, e.g. an Entra group object id or a Sambi role. */
  group: string;
  role: Role;
}

/**
 * A municipality's (or region's, or partner's) own identity provider. The OIDC client secret is never stored:
 * `clientSecretRef` names where to read it (`env:NAME` or `file:/run/secrets/name`).
 */
@ObjectType({ description: 'An identity provider an organisation signs its people in with (node admins only).' })
@Entity({ name: 'identity_providers' })
export class IdentityProvider {
  @Field(() => ID)
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Field(() => ID)
  @Column({ type: 'uuid' })
  organizationId: string;

  @Field(() => IdentityProviderKind)
  @Column({ type: 'text' })
  kind: IdentityProviderKind;

  @Field({ description: 'Shown on the sign-in button: “Logga in med <displayName>”.' })
  @Column({ type: 'text' })
  displayName: string;

  @Field()
  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'OIDC issuer URL (discovery at /.well-known/openid-configuration).',
  })
  @Column({ type: 'text', nullable: true })
  issuer: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  clientId: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where the client secret is read: `env:VARIABLE` or `file:/path`. The secret itself is never stored.',
  })
  @Column({ type: 'text', nullable: true })
  clientSecretRef: string | null;

  @Field(() => [String])
  @Column({ type: 'text', array: true, default: () => "'{openid,profile,email}'" })
  scopes: string[];

  @Field({
    description:
      'The claim that identifies the person for good: `sub` (default), `oid` (Entra ID: tenant id + object id), or another claim such as `https://id.oidc.se/claim/orgAffiliation`. For SAML: `nameID` or an attribute such as the HSA-id.',
  })
  @Column({ type: 'text', default: 'sub' })
  subjectClaim: string;

  @Field(() => [String], {
    description: 'Entra ID: the tenant ids accepted; an id token from any other tenant is refused.',
  })
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  allowedTenantIds: string[];

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  metadataUrl: string | null;

  @Column({ type: 'text', nullable: true })
  metadataXml: string | null;

  @Field(() => String, { nullable: true, description: 'PEM certificate the SAML metadata must be signed with.' })
  @Column({ type: 'text', nullable: true })
  metadataCertificate: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  idpEntityId: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  ssoUrl: string | null;

  @Field(() => String, { nullable: true })
  @Column({ type: 'text', nullable: true })
  sloUrl: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  idpCertificates: string[];

  @Field(() => GraphQLJSON)
  @Column({ type: 'jsonb', default: () => "'{}'" })
  claimMapping: ClaimMapping;

  @Field(() => GraphQLJSON, { description: 'Groups claim values mapped to Noden roles: `[{ group, role }]`.' })
  @Column({ type: 'jsonb', default: () => "'[]'" })
  roleMapping: RoleMappingRule[];

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Field()
  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** What the sign-in page may know about a provider: no secrets, no configuration. */
@ObjectType({ description: 'A way to sign in: “Logga in med <displayName>” for an organisation.' })
export class SignInOption {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  organizationId: string;

  @Field()
  organizationName: string;

  @Field()
  displayName: string;

  @Field(() => IdentityProviderKind)
  kind: IdentityProviderKind;

  @Field({ description: 'Whether this organisation still lets its people sign in with a Noden password.' })
  localPasswordsAllowed: boolean;
}
