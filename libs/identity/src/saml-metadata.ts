import { DOMParser } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

const MD = 'urn:oasis:names:tc:SAML:2.0:metadata';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';

export interface IdpMetadata {
  entityId: string;
  ssoUrl: string;
  sloUrl: string | null;
  certificates: string[];
}

export class MetadataProblem extends Error {}

function parse(xml: string): Document {
  // No DTDs at all: no external entities, no entity expansion.
  if (/<!DOCTYPE/i.test(xml)) throw new MetadataProblem('the metadata holds a DOCTYPE');
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: {
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, 'text/xml');
  if (errors.length || !doc?.documentElement)
    throw new MetadataProblem(`not well-formed XML (${errors[0] ?? 'empty'})`);
  return doc;
}

export function pemOf(certificate: string): string {
  const body = certificate.replace(/-----(BEGIN|END) CERTIFICATE-----/g, '').replace(/\s+/g, '');
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----\n`;
}

/**
 * Reads an IdP's SAML metadata: entity id, single sign-on and logout URLs (HTTP-Redirect), signing certificates.
 * With `signedBy`, the metadata must carry a signature by that certificate over the whole EntityDescriptor
 * (checked by xml-crypto), and only the signed content is read.
 */
export function readIdpMetadata(xml: string, signedBy: string | null): IdpMetadata {
  let doc = parse(xml);
  if (signedBy) {
    const root = doc.documentElement;
    const signature = Array.from(root.childNodes).find(
      (n) => (n as Element).localName === 'Signature' && (n as Element).namespaceURI === DSIG,
    );
    if (!signature) throw new MetadataProblem('the metadata is not signed');
    const check = new SignedXml({ publicCert: pemOf(signedBy) });
    check.loadSignature(signature);
    let valid: boolean;
    try {
      valid = check.checkSignature(xml);
    } catch {
      valid = false;
    }
    const references = check.getSignedReferences();
    if (!valid || references.length !== 1)
      throw new MetadataProblem('the metadata signature is not valid for the certificate');
    doc = parse(references[0]);
    const id = root.getAttribute('ID');
    if (doc.documentElement.localName !== 'EntityDescriptor' || (id && doc.documentElement.getAttribute('ID') !== id))
      throw new MetadataProblem('the signature does not cover the EntityDescriptor');
  }
  const entity = doc.documentElement;
  if (entity.localName !== 'EntityDescriptor') throw new MetadataProblem('no EntityDescriptor at the top');
  const entityId = entity.getAttribute('entityID');
  const idp = entity.getElementsByTagNameNS(MD, 'IDPSSODescriptor')[0];
  if (!entityId || !idp) throw new MetadataProblem('no IdP (IDPSSODescriptor) in the metadata');
  const location = (tag: string) =>
    Array.from(idp.getElementsByTagNameNS(MD, tag))
      .find((e) => e.getAttribute('Binding') === REDIRECT)
      ?.getAttribute('Location') ?? null;
  const ssoUrl = location('SingleSignOnService');
  if (!ssoUrl) throw new MetadataProblem('no SingleSignOnService with the HTTP-Redirect binding');
  const certificates = Array.from(idp.getElementsByTagNameNS(MD, 'KeyDescriptor'))
    .filter((k) => !k.getAttribute('use') || k.getAttribute('use') === 'signing')
    .flatMap((k) => Array.from(k.getElementsByTagNameNS(DSIG, 'X509Certificate')))
    .map((c) => pemOf(c.textContent ?? ''));
  if (!certificates.length) throw new MetadataProblem('no signing certificate in the metadata');
  return { entityId, ssoUrl, sloUrl: location('SingleLogoutService'), certificates };
}
