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
interface PeerStatusRow {
  node_id: string;
  name: string;
  in_registry: boolean;
  trusted: boolean;
  distrust_reason: string | null;
  last_seq: string | number;
  held: number;
  received_count: number;
  refused_count: number;
  last_success_at: Date | null;
  caught_up_at: Date | null;
  last_error: string | null;
  /** Set whenever `last_error` is. */
  last_error_at: Date;
  failures: number;
  next_pull_at: Date | null;
}

/** `federation:status`: this node's feed and each peer's last pull, lag and last error, from Postgres. */
export async function status(ds: DataSource, write: (line: string) => void): Promise<void> {
  const [{ seq, records }] = await ds.query<{ seq: string | number; records: number }[]>(
    `SELECT coalesce(max(seq), 0) AS seq, count(*)::int AS records FROM federation_outbox`,
  );
  write(`node ${process.env.FEDERATION_NODE_ID ?? '(FEDERATION_NODE_ID unset: federation is off)'}`);
  write(`own feed: ${records} record versions, last seq ${seq}`);
  const peers = await ds.query<PeerStatusRow[]>(
    `SELECT p.*, (SELECT count(*)::int FROM federated_records r WHERE r.origin_node_id = p.node_id AND NOT r.deleted) AS held
       FROM federation_peers p ORDER BY p.name`,
  );
  if (!peers.length) write('no peers yet (the worker reads the registry on its first pull)');
  const now = Date.now();
  for (const p of peers) {
    const lag = p.caught_up_at ? `${Math.round((now - p.caught_up_at.getTime()) / 1000)} s` : 'never caught up';
    const state = !p.in_registry ? 'NOT IN REGISTRY' : !p.trusted ? `NOT TRUSTED (${p.distrust_reason})` : 'trusted';
    write(
      `${p.name} <${p.node_id}> ${state}; seq ${p.last_seq}; ${p.held} records held; received ${p.received_count}, refused ${p.refused_count}; ` +
        `last success ${p.last_success_at?.toISOString() ?? 'never'}; lag ${lag}` +
        (p.last_error
          ? `; last error ${p.last_error} at ${p.last_error_at.toISOString()} (${p.failures} in a row, next try ${p.next_pull_at?.toISOString()})`
          : ''),
    );
  }
}
