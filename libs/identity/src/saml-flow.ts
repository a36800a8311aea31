import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type CacheProvider, type Profile, SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { DOMParser } from '@xmldom/xmldom';
import type { IdentityProvider } from './identity-provider.entity.js';
import { SsoRefusal, SsoRefused } from './identity.errors.js';
import { type SsoRequestStore, SSO_REQUEST_SECONDS } from './sso-request.store.js';
import type { VerifiedIdentity } from './provider-sign-in.service.js';

const SAML_ASSERTION = 'urn:oasis:names:tc:SAML:2.0:assertion';
const PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
/** Sambi's attributes (https://www.sambi.se/): HSA-id, e-mail, name, organisation number. */
export const SAMBI = {
  hsaId: 'http://sambi.se/attributes/1/employeeHsaId',
  organizationNumber: 'http://sambi.se/attributes/1/organizationIdentifier',
  email: 'urn:oid:0.9.2342.19200300.100.1.3',
  displayName: 'urn:oid:2.16.840.1.113730.3.1.241',
  givenName: 'urn:oid:2.5.4.42',
  surname: 'urn:oid:2.5.4.4',
};

export const spEntityId = (base: string, provider: IdentityProvider) => `${base}/auth/sso/${provider.id}/metadata`;
export const acsUrl = (base: string, provider: IdentityProvider) => `${base}/auth/sso/${provider.id}/acs`;

function attribute(profile: Profile, name: string | undefined): string | null {
  if (!name) return null;
  const value: unknown = profile[name];
  const first: unknown = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() ? first.trim() : null;
}

/**
 * SAML 2.0 with @node-saml/node-saml: AuthnRequests by HTTP-Redirect, responses by HTTP-POST to the ACS. A response
 * is accepted only when signed (the whole response or its one assertion) by the IdP's certificate from its
 * metadata, for this SP (audience, recipient), in time, in response to a request Noden issued and still open, and
 * with an assertion id never seen before. XML parsing is node-saml's (@xmldom: no external entities).
 */
@Injectable()
export class SamlFlow {
  build(provider: IdentityProvider, base: string, cache: CacheProvider, requestId?: string): SAML {
    if (!provider.ssoUrl || !provider.idpEntityId || !provider.idpCertificates.length)
      throw new SsoRefused(
        SsoRefusal.PROVIDER_UNREACHABLE,
        'the SAML metadata has not been read (no SSO URL or certificate)',
      );
    return new SAML({
      callbackUrl: acsUrl(base, provider),
      entryPoint: provider.ssoUrl,
      issuer: spEntityId(base, provider),
      audience: spEntityId(base, provider),
      idpIssuer: provider.idpEntityId,
      idpCert: provider.idpCertificates,
      wantAuthnResponseSigned: false,
      wantAssertionsSigned: false,
      identifierFormat: PERSISTENT,
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: SSO_REQUEST_SECONDS * 1000,
      acceptedClockSkewMs: 60_000,
      maxAssertionAgeMs: SSO_REQUEST_SECONDS * 1000,
      cacheProvider: cache,
      disableRequestedAuthnContext: true,
      ...(provider.sloUrl ? { logoutUrl: provider.sloUrl } : {}),
      ...(requestId ? { generateUniqueId: () => requestId } : {}),
    });
  }

  async start(provider: IdentityProvider, base: string, store: SsoRequestStore, returnTo: string): Promise<string> {
    const requestId = `_${randomBytes(20).toString('hex')}`;
    await store.save('SAML', requestId, {
      providerId: provider.id,
      nonce: null,
      codeVerifier: null,
      returnTo,
      browserBinding: null,
    });
    const saml = this.build(provider, base, this.cacheOver(store), requestId);
    return saml.getAuthorizeUrlAsync('', undefined, {});
  }

  /** Validates a posted response; answers the identity and the request it answers (consumed). */
  async acs(
    provider: IdentityProvider,
    base: string,
    store: SsoRequestStore,
    body: Record<string, string | undefined>,
  ): Promise<{ identity: VerifiedIdentity; returnTo: string; profile: Profile }> {
    if (!body.SAMLResponse) throw new SsoRefused(SsoRefusal.FLOW_INVALID, 'no SAMLResponse in the post');
    const asked: string[] = [];
    const saml = this.build(provider, base, this.cacheOver(store, asked));
    let profile: Profile | null;
    try {
      ({ profile } = await saml.validatePostResponseAsync({ SAMLResponse: body.SAMLResponse }));
    } catch (error) {
      if (asked[0]) await store.consume('SAML', asked[0], provider.id, null).catch(() => undefined);
      throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, `SAML response refused: ${(error as Error).message}`);
    }
    if (!profile || !asked[0]) throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, 'SAML response without an assertion');
    const request = await store.consume('SAML', asked[0], provider.id, null);
    const assertion = new DOMParser().parseFromString(profile.getAssertionXml!(), 'text/xml');
    const root = assertion.documentElement;
    const assertionId = root.getAttribute('ID');
    const conditions = root.getElementsByTagNameNS(SAML_ASSERTION, 'Conditions')[0];
    const notOnOrAfter = conditions?.getAttribute('NotOnOrAfter');
    if (!assertionId) throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, 'assertion without an ID');
    const expires = notOnOrAfter ? new Date(notOnOrAfter) : new Date(Date.now() + SSO_REQUEST_SECONDS * 1000);
    if (!(await store.firstSighting(profile.issuer, assertionId, expires)))
      throw new SsoRefused(SsoRefusal.NOT_CONFIRMED, `assertion ${assertionId} replayed`);

    const mapping = provider.claimMapping;
    const subject =
      provider.subjectClaim === 'nameID' || provider.subjectClaim === 'sub'
        ? profile.nameIDFormat === PERSISTENT || !profile.nameIDFormat?.endsWith(':transient')
          ? profile.nameID
          : null
        : attribute(profile, provider.subjectClaim);
    if (!subject)
      throw new SsoRefused(
        SsoRefusal.NOT_CONFIRMED,
        `no stable key: ${provider.subjectClaim} missing or transient NameID (${profile.nameIDFormat})`,
      );
    const given = attribute(profile, mapping.givenName ?? SAMBI.givenName);
    const family = attribute(profile, mapping.familyName ?? SAMBI.surname);
    const groups = mapping.groups ? profile[mapping.groups] : undefined;
    return {
      profile,
      returnTo: request.returnTo,
      identity: {
        provider,
        issuer: profile.issuer,
        subject,
        email:
          attribute(profile, mapping.email ?? SAMBI.email) ?? attribute(profile, 'email') ?? attribute(profile, 'mail'),
        displayName:
          attribute(profile, mapping.name ?? SAMBI.displayName) ?? ([given, family].filter(Boolean).join(' ') || null),
        organizationNumber: attribute(profile, mapping.organizationNumber ?? SAMBI.organizationNumber),
        groups: (Array.isArray(groups) ? groups : groups ? [groups] : []).filter(
          (g): g is string => typeof g === 'string',
        ),
      },
    };
  }

  metadata(provider: IdentityProvider, base: string): string {
    return this.build(provider, base, this.cacheOver(null)).generateServiceProviderMetadata(null);
  }

  async logoutUrl(provider: IdentityProvider, base: string, nameID: string, sessionIndex: string | undefined) {
    if (!provider.sloUrl) return null;
    const saml = this.build(provider, base, this.cacheOver(null));
    return saml.getLogoutUrlAsync(
      { issuer: provider.idpEntityId!, nameID, nameIDFormat: PERSISTENT, sessionIndex },
      '',
      {},
    );
  }

  /** node-saml's InResponseTo cache over the requests table: open requests are the ones Noden issued. */
  private cacheOver(store: SsoRequestStore | null, asked: string[] = []): CacheProvider {
    return {
      saveAsync: async (key, value) => ({ value, createdAt: Date.now() }),
      getAsync: async (key) => {
        asked.push(key);
        // node-saml reads the value as the request's creation time (its own expiry check).
        return (await store?.openSince(key))?.toISOString() ?? null;
      },
      removeAsync: async (key) => key,
    };
  }
}
