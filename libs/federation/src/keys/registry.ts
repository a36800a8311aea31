import { readFile } from 'node:fs/promises';
import { CompactSign, compactVerify, importJWK, type CryptoKey, type JWK } from 'jose';
import { REGISTRY_JWS_TYP, SIGNING_ALG } from './node-keys.js';

export interface RegistryNode {
  /** The node's HTTPS origin. */
  id: string;
  /** As users read it: "Region Västmanlands nod". */
  name: string;
  county: string;
  /** RFC 7638 thumbprints of the Ed25519 keys the node may sign with (two during a rotation). */
  keys: string[];
}

export interface Registry {
  version: number;
  issuedAt: string;
  nodes: RegistryNode[];
}

export class RegistryInvalid extends Error {}

/** The pinned key: an Ed25519 public JWK as JSON, or just its `x` (base64url). */
export async function importRegistryKey(pinned: string): Promise<CryptoKey> {
  const trimmed = pinned.trim();
  const jwk: JWK = trimmed.startsWith('{') ? (JSON.parse(trimmed) as JWK) : { kty: 'OKP', crv: 'Ed25519', x: trimmed };
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x || jwk.d)
    throw new RegistryInvalid('FEDERATION_REGISTRY_KEY must be an Ed25519 public key (JWK, or its x)');
  return importJWK<JWK & { kty: 'OKP' }>({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }, SIGNING_ALG);
}

export async function signRegistry(registry: Registry, privateJwk: JWK): Promise<string> {
  assertRegistryShape(registry);
  const key = (await importJWK(privateJwk, SIGNING_ALG)) as CryptoKey;
  return new CompactSign(new TextEncoder().encode(JSON.stringify(registry)))
    .setProtectedHeader({ alg: SIGNING_ALG, typ: REGISTRY_JWS_TYP })
    .sign(key);
}

export async function verifyRegistry(jws: string, pinned: CryptoKey): Promise<Registry> {
  let payload: Uint8Array;
  try {
    const verified = await compactVerify(jws.trim(), pinned, { algorithms: [SIGNING_ALG] });
    if (verified.protectedHeader.typ !== REGISTRY_JWS_TYP) throw new RegistryInvalid('not a registry (typ)');
    payload = verified.payload;
  } catch (error) {
    if (error instanceof RegistryInvalid) throw error;
    throw new RegistryInvalid(`the registry's signature does not verify with FEDERATION_REGISTRY_KEY`);
  }
  const registry = JSON.parse(new TextDecoder().decode(payload)) as Registry;
  assertRegistryShape(registry);
  return registry;
}

function assertRegistryShape(registry: Registry): void {
  if (!Number.isInteger(registry?.version) || !Array.isArray(registry.nodes))
    throw new RegistryInvalid('a registry has a version and a list of nodes');
  const seen = new Set<string>();
  for (const node of registry.nodes) {
    let origin = '';
    try {
      origin = new URL(node.id).origin;
    } catch {
      // reported below
    }
    if (origin !== node.id) throw new RegistryInvalid(`node id "${node.id}" is not an origin`);
    if (seen.has(node.id)) throw new RegistryInvalid(`node ${node.id} is listed twice`);
    seen.add(node.id);
    if (typeof node.name !== 'string' || !node.name || typeof node.county !== 'string')
      throw new RegistryInvalid(`node ${node.id} needs a name and a county`);
    if (!Array.isArray(node.keys) || !node.keys.length || node.keys.some((k) => typeof k !== 'string'))
      throw new RegistryInvalid(`node ${node.id} needs at least one key fingerprint`);
  }
}

/** Reads the signed registry from its file or URL. */
export async function fetchRegistryJws(
  source: { registryFile?: string; registryUrl?: string },
  timeoutMs: number,
): Promise<string> {
  if (source.registryFile) return readFile(source.registryFile, 'utf8');
  const response = await fetch(source.registryUrl!, { signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok) throw new RegistryInvalid(`the registry URL answered ${response.status}`);
  return response.text();
}
