import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { SignedXml } from 'xml-crypto';
import { readIdpMetadata } from './saml-metadata.js';

const fixture = (name: string) => readFileSync(`test/fixtures/saml/${name}`, 'utf8');
const certBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');

const metadata = (cert: string) => `<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.se/idp">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(cert)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.se/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.se/sso-post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.se/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;

/** Signs the whole EntityDescriptor as a federation operator does (enveloped signature, exclusive c14n). */
function sign(xml: string, key: string): string {
  const signer = new SignedXml({
    privateKey: key,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  signer.addReference({
    xpath: "/*[local-name(.)='EntityDescriptor']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signer.computeSignature(xml, { location: { reference: "/*[local-name(.)='EntityDescriptor']", action: 'prepend' } });
  return signer.getSignedXml();
}

describe('SAML IdP metadata', () => {
  const idpCert = fixture('idp.crt');

  it('reads the entity id, the HTTP-Redirect endpoints and the signing certificate', () => {
    const read = readIdpMetadata(metadata(idpCert), null);
    expect(read).toMatchObject({
      entityId: 'https://idp.example.se/idp',
      ssoUrl: 'https://idp.example.se/sso',
      sloUrl: 'https://idp.example.se/slo',
    });
    expect(certBody(read.certificates[0])).toBe(certBody(idpCert));
  });

  it('accepts metadata signed by the configured certificate, and refuses it unsigned or signed by another', () => {
    const federationKey = fixture('other-idp.key');
    const federationCert = fixture('other-idp.crt');
    const signed = sign(metadata(idpCert), federationKey);
    expect(readIdpMetadata(signed, federationCert).entityId).toBe('https://idp.example.se/idp');
    expect(() => readIdpMetadata(metadata(idpCert), federationCert)).toThrow(/not signed/);
    expect(() => readIdpMetadata(sign(metadata(idpCert), fixture('idp.key')), federationCert)).toThrow(/not valid/);
    const tampered = signed.replace('https://idp.example.se/sso"', 'https://evil.example.com/sso"');
    expect(() => readIdpMetadata(tampered, federationCert)).toThrow(/not valid/);
  });

  it('refuses a DOCTYPE (no entities, no external references) and what is not metadata', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${metadata(idpCert).replace('<?xml version="1.0"?>', '')}`;
    expect(() => readIdpMetadata(xxe, null)).toThrow(/DOCTYPE/);
    expect(() => readIdpMetadata('<html><body>Not found</body></html>', null)).toThrow(/EntityDescriptor/);
  });
});
