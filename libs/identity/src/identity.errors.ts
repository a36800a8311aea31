import { defineErrors } from '#core';

/** Errors of the node admins' configuration work (GraphQL, CLI). */
export const IdentityError = defineErrors('IDENTITY', {
  PROVIDER_NOT_FOUND: { code: 'NOT_FOUND', sv: 'Inloggningstjänsten finns inte.', en: 'Identity provider not found.' },
  OIDC_FIELDS_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'En OIDC-tjänst behöver utfärdare (issuer), klient-id och var klienthemligheten finns.',
    en: 'An OIDC provider needs an issuer, a client id and where the client secret is kept.',
  },
  SAML_METADATA_REQUIRED: {
    code: 'BAD_USER_INPUT',
    sv: 'En SAML-tjänst behöver en metadataadress eller en metadatafil.',
    en: 'A SAML provider needs a metadata URL or a metadata file.',
  },
  SAML_METADATA_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'SAML-metadatan går inte att använda: {problem}',
    en: 'The SAML metadata cannot be used: {problemEn}',
  },
  SECRET_REF_INVALID: {
    code: 'BAD_USER_INPUT',
    sv: 'Klienthemligheten anges som env:VARIABEL eller file:/sökväg, aldrig som själva hemligheten.',
    en: 'The client secret is given as env:VARIABLE or file:/path, never as the secret itself.',
  },
  ROLE_NOT_FOR_ORGANIZATION: {
    code: 'BAD_USER_INPUT',
    sv: 'Rollen {role} kan bara ges till nodens egen personal.',
    en: 'Role {role} can be given only to the node’s own staff.',
  },
  INVITATION_EMAIL_TAKEN: {
    code: 'CONFLICT',
    sv: 'Det finns redan ett konto med e-postadressen {email} som loggar in på annat sätt.',
    en: 'An account with the e-mail address {email} already exists and signs in another way.',
  },
});

/**
 * What a person is told when a sign-in through a provider is refused: plain words and a support code. The precise
 * reason (wrong audience, replayed state, another tenant…) goes to the log and the audit log, never to the browser.
 * The web app has the same words in its catalogues (signIn.sso.*), keyed by these reasons.
 */
export enum SsoRefusal {
  PROVIDER_UNKNOWN = 'PROVIDER_UNKNOWN',
  PROVIDER_UNREACHABLE = 'PROVIDER_UNREACHABLE',
  FLOW_INVALID = 'FLOW_INVALID',
  CANCELLED = 'CANCELLED',
  NOT_CONFIRMED = 'NOT_CONFIRMED',
  EMAIL_MISSING = 'EMAIL_MISSING',
  EMAIL_TAKEN = 'EMAIL_TAKEN',
  DEACTIVATED = 'DEACTIVATED',
}

/** A refused sign-in: `refusal` is what the person reads, `detail` what the log and audit log keep. */
export class SsoRefused extends Error {
  constructor(
    readonly refusal: SsoRefusal,
    readonly detail: string,
  ) {
    super(`${refusal}: ${detail}`);
    this.name = 'SsoRefused';
  }
}
