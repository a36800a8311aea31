import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionService } from '#core';
import { NotificationsModule } from '#notifications';
import { IdentityProvider } from './identity-provider.entity.js';
import { UserIdentity } from './user-identity.entity.js';
import { IdentityProviderService } from './identity-provider.service.js';
import { IdentityProviderResolver, UserIdentitiesResolver } from './identity.resolver.js';
import { OidcFlow } from './oidc-flow.js';
import { SamlFlow } from './saml-flow.js';
import { SsoRequestStore } from './sso-request.store.js';
import { ProviderSignInService } from './provider-sign-in.service.js';
import { SsoController } from './sso.controller.js';

/** Sign-in with the organisations' own identity providers (OIDC, SAML), invitations, linked identities. */
@Module({
  imports: [TypeOrmModule.forFeature([IdentityProvider, UserIdentity]), NotificationsModule],
  controllers: [SsoController],
  providers: [
    IdentityProviderService,
    IdentityProviderResolver,
    UserIdentitiesResolver,
    OidcFlow,
    SamlFlow,
    SsoRequestStore,
    ProviderSignInService,
    SessionService,
  ],
  exports: [IdentityProviderService],
})
export class IdentityModule {}

/** What the CLI needs to keep providers (no routes, no queue): `idp:add`, `idp:list`. */
@Module({
  imports: [TypeOrmModule.forFeature([IdentityProvider, UserIdentity])],
  providers: [IdentityProviderService, OidcFlow],
  exports: [IdentityProviderService],
})
export class IdentityAdminModule {}
