import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { DataSource } from 'typeorm';
import {
  parseKeyFile,
  publicPart,
  type Registry,
  rotateKeyFile,
  signRegistry,
  verifyRegistry,
  importRegistryKey,
} from '#federation';
import { ownFeed, peerStatus } from './cli.queries.js';

/**
 * `federation:keygen --file <path> [--overlap-days 14]`: creates the node's key file, or rotates it (a new key
 * signs from now on; the older ones stay published for the overlap). Prints what goes into the registry.
 */
export async function keygen(argv: string[], write: (line: string) => void): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { file: { type: 'string' }, 'overlap-days': { type: 'string', default: '14' } },
    strict: true,
  });
  const file = values.file ?? process.env.FEDERATION_KEY_FILE;
  if (!file) throw new Error('federation:keygen needs --file <path> (or FEDERATION_KEY_FILE)');
  const overlap = Number(values['overlap-days']);
  if (!Number.isInteger(overlap) || overlap < 0 || overlap > 365) throw new Error('--overlap-days must be 0 to 365');
  const { file: keys, added } = await rotateKeyFile(file, new Date(), overlap);
  write(
    JSON.stringify({
      keyFile: file,
      kid: added.kid,
      publicKey: publicPart(added),
      registryKeys: keys.keys.map((k) => k.kid),
      note: "put registryKeys in this node's entry of the registry (the fingerprints); keep the file private (mode 600)",
    }),
  );
}

/**
 * `federation:registry:sign --in registry.json --key registry-key.json --out registry.jws`: signs the registry with
 * the registry's private key (a key file made by federation:keygen) and prints the public key to pin in
 * FEDERATION_REGISTRY_KEY on every node.
 */
export async function signRegistryCommand(argv: string[], write: (line: string) => void): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { in: { type: 'string' }, key: { type: 'string' }, out: { type: 'string' } },
    strict: true,
  });
  if (!values.in || !values.key || !values.out)
    throw new Error(
      'federation:registry:sign needs --in <registry.json> --key <registry key file> --out <registry.jws>',
    );
  const registry = JSON.parse(await readFile(values.in, 'utf8')) as Registry;
  const keys = parseKeyFile(await readFile(values.key, 'utf8'));
  const signer = [...keys.keys].sort((a, b) => a.createdAt.localeCompare(b.createdAt)).at(-1)!;
  const jws = await signRegistry({ ...registry, issuedAt: registry.issuedAt ?? new Date().toISOString() }, signer);
  const pinned = JSON.stringify(publicPart(signer));
  await verifyRegistry(jws, await importRegistryKey(pinned));
  await writeFile(values.out, `${jws}\n`);
  write(
    JSON.stringify({
      registry: values.out,
      version: registry.version,
      nodes: registry.nodes.length,
      FEDERATION_REGISTRY_KEY: signer.x,
    }),
  );
}

/** A row of `federation_peers` (the columns `status` prints) with the count of records held from it. */
/** `federation:status`: this node's feed and each peer's last pull, lag and last error, from Postgres. */
export async function status(ds: DataSource, write: (line: string) => void): Promise<void> {
  const { seq, records } = await ownFeed(ds);
  write(`node ${process.env.FEDERATION_NODE_ID ?? '(FEDERATION_NODE_ID unset: federation is off)'}`);
  write(`own feed: ${records} record versions, last seq ${seq}`);
  const peers = await peerStatus(ds);
  if (!peers.length) write('no peers yet (the worker reads the registry on its first pull)');
  const now = Date.now();
  for (const p of peers) {
    const lag = p.caughtUpAt ? `${Math.round((now - p.caughtUpAt.getTime()) / 1000)} s` : 'never caught up';
    const state = !p.inRegistry ? 'NOT IN REGISTRY' : !p.trusted ? `NOT TRUSTED (${p.distrustReason})` : 'trusted';
    write(
      `${p.name} <${p.nodeId}> ${state}; seq ${p.lastSeq}; ${p.held} records held; received ${p.receivedCount}, refused ${p.refusedCount}; ` +
        `last success ${p.lastSuccessAt?.toISOString() ?? 'never'}; lag ${lag}` +
        (p.lastError
          ? `; last error ${p.lastError} at ${p.lastErrorAt.toISOString()} (${p.failures} in a row, next try ${p.nextPullAt?.toISOString()})`
          : ''),
    );
  }
}
