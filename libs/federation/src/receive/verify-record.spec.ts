import { describe, expect, it } from '@jest/globals';
import { generateStoredKey, NodeKeys, publicPart, type StoredKey } from '../keys/node-keys.js';
import type { Registry } from '../keys/registry.js';
import { recordUrn, RecordType, SCHEMA_OF } from '../protocol/record-schemas.js';
import { RefusalReason, verifyRecord } from './verify-record.js';

const A = 'https://noden.regionvastmanland.se';
const B = 'https://noden.regionsormland.se';
const D = 'https://noden.okand.example';
const ID = '6f1c1d52-3c9a-4f55-9a0e-0d3c6a1f2b10';

async function node(): Promise<{ key: StoredKey; keys: NodeKeys }> {
  const key = await generateStoredKey(new Date('2026-12-01T00:00:00Z'));
  return { key, keys: await NodeKeys.load({ keyJson: JSON.stringify({ keys: [key] }) }) };
}

function article(iss: string, version = 1, extra: Record<string, unknown> = {}) {
  return {
    iss,
    id: recordUrn(iss, RecordType.ARTICLE, ID),
    version,
    seq: version,
    publishedAt: '2026-12-01T10:00:00.000Z',
    schema: SCHEMA_OF[RecordType.ARTICLE],
    data: {
      title: 'Larm i hemtjänst',
      summary: 'Sammanfattning',
      body: 'Text',
      kind: 'LESSON',
      sourceType: 'COUNTY_TEST',
      qualityGrade: 'ASSESSED',
      categoryKey: null,
      ...extra,
    },
  };
}

describe('verifyRecord: the receipt checks', () => {
  it('accepts a record signed by its issuer, pulled from that issuer, with a registered key; refuses every forgery', async () => {
    const [a, b, d] = await Promise.all([node(), node(), node()]);
    const registry: Registry = {
      version: 1,
      issuedAt: '2026-12-01T00:00:00Z',
      nodes: [
        { id: A, name: 'Region Västmanlands nod', county: 'Västmanlands län', keys: [a.key.kid] },
        { id: B, name: 'Region Sörmlands nod', county: 'Södermanlands län', keys: [b.key.kid] },
      ],
    };
    const jwks = new Map([a, b, d].map((n) => [n.key.kid, publicPart(n.key)]));
    const keyFor = async (kid: string) => jwks.get(kid);
    const [nodeA, nodeB] = registry.nodes as [Registry['nodes'][0], Registry['nodes'][0]];

    const genuine = (await a.keys.sign(article(A))).jws;
    expect(await verifyRecord(genuine, nodeA, registry, keyFor)).toMatchObject({ ok: true, payload: { iss: A } });

    const reason = async (jws: unknown, origin = nodeA) => {
      const verified = await verifyRecord(jws, origin, registry, keyFor);
      return verified.ok ? 'ACCEPTED' : verified.reason;
    };
    // B re-signs a record claiming to be A's: refused whether it comes from B or from A's own origin.
    const resigned = (await b.keys.sign(article(A))).jws;
    expect(await reason(resigned, nodeB)).toBe(RefusalReason.ISSUER_NOT_ORIGIN);
    expect(await reason(resigned, nodeA)).toBe(RefusalReason.KEY_NOT_REGISTERED);
    // A node not in the registry.
    expect(await reason((await d.keys.sign(article(D))).jws)).toBe(RefusalReason.UNKNOWN_NODE);
    // A tampered payload (the signature was made over another title).
    const [header, , signature] = genuine.split('.');
    const tampered = Buffer.from(JSON.stringify(article(A, 1, { title: 'Ändrad' }))).toString('base64url');
    expect(await reason(`${header}.${tampered}.${signature}`)).toBe(RefusalReason.SIGNATURE_INVALID);
    // A's key, but an id of B's node.
    const foreignId = { ...article(A), id: recordUrn(B, RecordType.ARTICLE, ID) };
    expect(await reason((await a.keys.sign(foreignId)).jws)).toBe(RefusalReason.ID_NOT_ISSUERS);
    // Personal data outside the allow-list, and a field the schema does not know.
    expect(await reason((await a.keys.sign(article(A, 1, { authorEmail: 'anna@flen.se' }))).jws)).toBe(
      RefusalReason.SCHEMA_INVALID,
    );
    expect(await reason((await a.keys.sign({ ...article(A), participants: [] })).jws)).toBe(
      RefusalReason.SCHEMA_INVALID,
    );
    expect(await reason('not a jws')).toBe(RefusalReason.MALFORMED);
    expect(await reason(42)).toBe(RefusalReason.MALFORMED);
  });

  it('accepts a tombstone without data and refuses one with data', async () => {
    const a = await node();
    const registry: Registry = {
      version: 1,
      issuedAt: '2026-12-01T00:00:00Z',
      nodes: [{ id: A, name: 'A', county: 'A län', keys: [a.key.kid] }],
    };
    const keyFor = async () => publicPart(a.key);
    const { data, ...rest } = article(A, 2);
    const tombstone = (await a.keys.sign({ ...rest, deleted: true })).jws;
    expect(await verifyRecord(tombstone, registry.nodes[0], registry, keyFor)).toMatchObject({ ok: true });
    const withData = (await a.keys.sign({ ...rest, deleted: true, data })).jws;
    expect(await verifyRecord(withData, registry.nodes[0], registry, keyFor)).toMatchObject({
      ok: false,
      reason: RefusalReason.SCHEMA_INVALID,
    });
  });
});
