import { base64url, compactVerify, decodeProtectedHeader, importJWK, type CryptoKey, type JWK } from 'jose';
import { RECORD_JWS_TYP, SIGNING_ALG, thumbprint } from '../keys/node-keys.js';
import type { Registry, RegistryNode } from '../keys/registry.js';
import { parseUrn, type RecordPayload, validatePayload } from '../protocol/record-schemas.js';

/** Why a record was refused; kept with the raw JWS in `federation_refusals`. */
export enum RefusalReason {
  MALFORMED = 'MALFORMED',
  UNKNOWN_NODE = 'UNKNOWN_NODE',
  ISSUER_NOT_ORIGIN = 'ISSUER_NOT_ORIGIN',
  KEY_NOT_REGISTERED = 'KEY_NOT_REGISTERED',
  KEY_UNKNOWN = 'KEY_UNKNOWN',
  SIGNATURE_INVALID = 'SIGNATURE_INVALID',
  SCHEMA_INVALID = 'SCHEMA_INVALID',
  ID_NOT_ISSUERS = 'ID_NOT_ISSUERS',
}

export type Verified = { ok: true; payload: RecordPayload } | { ok: false; reason: RefusalReason; detail: string };

/** Looks up a peer's public key by kid (its JWKS, fetched again once when the kid is new). */
export type KeyLookup = (kid: string) => Promise<JWK | undefined>;

const importedKeys = new Map<string, Promise<CryptoKey>>();

/**
 * The receipt checks, in order: the JWS is an Ed25519 record; its issuer is a node of the registry and the very
 * origin it was pulled from; the key is one the registry lists for that node and the one the node publishes;
 * the signature verifies; the payload fits its schema's allow-list; and its id names the issuer's own node.
 */
export async function verifyRecord(
  jws: unknown,
  origin: RegistryNode,
  registry: Registry,
  keyFor: KeyLookup,
): Promise<Verified> {
  const refuse = (reason: RefusalReason, detail: string): Verified => ({ ok: false, reason, detail });
  if (typeof jws !== 'string' || jws.split('.').length !== 3)
    return refuse(RefusalReason.MALFORMED, 'not a compact JWS');
  let header: ReturnType<typeof decodeProtectedHeader>;
  let claimed: Partial<RecordPayload>;
  try {
    header = decodeProtectedHeader(jws);
    claimed = JSON.parse(new TextDecoder().decode(base64url.decode(jws.split('.')[1]))) as Partial<RecordPayload>;
  } catch {
    return refuse(RefusalReason.MALFORMED, 'header or payload is not JSON');
  }
  if (header.alg !== SIGNING_ALG || header.typ !== RECORD_JWS_TYP || typeof header.kid !== 'string')
    return refuse(RefusalReason.MALFORMED, `expected alg ${SIGNING_ALG}, typ ${RECORD_JWS_TYP} and a kid`);
  const issuer = registry.nodes.find((node) => node.id === claimed?.iss);
  if (!issuer) return refuse(RefusalReason.UNKNOWN_NODE, `issuer ${String(claimed?.iss)} is not in the registry`);
  if (issuer.id !== origin.id)
    return refuse(RefusalReason.ISSUER_NOT_ORIGIN, `issuer ${issuer.id} but pulled from ${origin.id}`);
  if (!issuer.keys.includes(header.kid))
    return refuse(RefusalReason.KEY_NOT_REGISTERED, `key ${header.kid} is not registered for ${issuer.id}`);
  const jwk = await keyFor(header.kid);
  if (!jwk || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || (await thumbprint(jwk)) !== header.kid)
    return refuse(RefusalReason.KEY_UNKNOWN, `${issuer.id} publishes no key ${header.kid}`);
  let key = importedKeys.get(header.kid);
  if (!key)
    importedKeys.set(
      header.kid,
      (key = importJWK<JWK & { kty: 'OKP' }>({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, SIGNING_ALG)),
    );
  let payload: RecordPayload;
  try {
    const verified = await compactVerify(jws, await key, { algorithms: [SIGNING_ALG] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as RecordPayload;
  } catch {
    return refuse(RefusalReason.SIGNATURE_INVALID, 'the signature does not verify');
  }
  const problems = validatePayload(payload);
  if (problems.length) return refuse(RefusalReason.SCHEMA_INVALID, problems.slice(0, 10).join('; '));
  if (parseUrn(payload.id)!.host !== new URL(issuer.id).host)
    return refuse(RefusalReason.ID_NOT_ISSUERS, `${payload.id} is not an id of ${issuer.id}`);
  return { ok: true, payload };
}
