import { readFile, writeFile } from 'node:fs/promises';
import {
  calculateJwkThumbprint,
  CompactSign,
  exportJWK,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
} from 'jose';

/** Ed25519 signatures; `kid` is the key's RFC 7638 thumbprint, which the registry lists as the key's fingerprint. */
export const SIGNING_ALG = 'EdDSA';
export const RECORD_JWS_TYP = 'noden-record+jws';
export const REGISTRY_JWS_TYP = 'noden-registry+jws';

export interface StoredKey extends JWK {
  kid: string;
  /** When this key was made; the newest one not retired signs. */
  createdAt: string;
  /** After this instant the key is no longer served at /.well-known/noden/jwks.json (rotation overlap). */
  retireAt?: string;
}

export interface KeyFile {
  keys: StoredKey[];
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'kid', 'alg', 'use'] as const;

export function publicPart(key: JWK): JWK {
  const jwk: JWK = {};
  for (const member of PUBLIC_MEMBERS)
    if (key[member] !== undefined) (jwk as Record<string, unknown>)[member] = key[member];
  return jwk;
}

export async function thumbprint(key: JWK): Promise<string> {
  return calculateJwkThumbprint({ kty: key.kty, crv: key.crv, x: key.x });
}

/** A new Ed25519 key pair as a private JWK; the private half is only ever written to a file or printed. */
export async function generateStoredKey(now: Date): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair('Ed25519', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await thumbprint(jwk);
  return { ...jwk, kid, alg: SIGNING_ALG, use: 'sig', createdAt: now.toISOString() };
}

/**
 * Adds a key to a key file (creating it): the new key signs from now on, the keys before it stay published for
 * `overlapDays` so that peers verifying records they already fetched, or a registry not yet updated, still work.
 */
export async function rotateKeyFile(
  path: string,
  now: Date,
  overlapDays: number,
): Promise<{ file: KeyFile; added: StoredKey }> {
  let file: KeyFile = { keys: [] };
  try {
    file = parseKeyFile(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const retireAt = new Date(now.getTime() + overlapDays * 86_400_000).toISOString();
  for (const key of file.keys) key.retireAt ??= retireAt;
  const added = await generateStoredKey(now);
  file.keys.push(added);
  await writeFile(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  return { file, added };
}

export function parseKeyFile(json: string): KeyFile {
  const parsed = JSON.parse(json) as KeyFile;
  if (!Array.isArray(parsed?.keys) || !parsed.keys.length) throw new Error('the key file holds no keys');
  for (const key of parsed.keys) {
    if (key.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.x || !key.d || !key.kid)
      throw new Error('every key must be a private Ed25519 JWK with a kid');
  }
  return parsed;
}

/** The node's keys, loaded once: signs records and publishes the public halves. */
export class NodeKeys {
  private readonly imported = new Map<string, Promise<CryptoKey>>();

  private constructor(private readonly file: KeyFile) {}

  static async load(source: { keyFile?: string; keyJson?: string }): Promise<NodeKeys> {
    const json = source.keyJson ?? (await readFile(source.keyFile!, 'utf8'));
    const file = parseKeyFile(json);
    for (const key of file.keys) {
      if ((await thumbprint(key)) !== key.kid) throw new Error(`key ${key.kid}: kid is not the key's thumbprint`);
    }
    return new NodeKeys(file);
  }

  /** The newest key: it signs. */
  get signingKid(): string {
    return this.signer.kid;
  }

  private get signer(): StoredKey {
    return [...this.file.keys].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!;
  }

  /** The public keys still within their overlap. */
  publicJwks(now: Date): { keys: JWK[] } {
    return {
      keys: this.file.keys
        .filter((key) => key.kid === this.signer.kid || !key.retireAt || Date.parse(key.retireAt) > now.getTime())
        .map(publicPart),
    };
  }

  async sign(payload: object): Promise<{ jws: string; kid: string }> {
    const signer = this.signer;
    let key = this.imported.get(signer.kid);
    if (!key) this.imported.set(signer.kid, (key = importJWK(signer, SIGNING_ALG) as Promise<CryptoKey>));
    const jws = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: SIGNING_ALG, kid: signer.kid, typ: RECORD_JWS_TYP })
      .sign(await key);
    return { jws, kid: signer.kid };
  }
}
