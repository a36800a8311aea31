import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

// The SQL of the command line: database creation and restore checks on a plain connection, the migrations count,
// the demo county's checks and report, and `federation:status`. Typed camelCase rows, values as parameters.

/** Whether a database of this name exists. */
export async function databaseExists(client: pg.Client, name: string): Promise<boolean> {
  const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return !!rowCount;
}

/** CREATE DATABASE takes no parameter: the caller has checked the name against `^[A-Za-z0-9_-]{1,63}$`. */
export async function createDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`CREATE DATABASE "${name}"`);
}

/** The server's major version (e.g. 16). */
export async function serverMajorVersion(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ v: number }>(`SELECT current_setting('server_version_num')::int AS v`);
  return Math.floor(rows[0].v / 10000);
}

/** Whether the database already holds Noden's tables (its migrations table), and the server's major version. */
export async function restoreTarget(client: pg.Client): Promise<{ used: boolean; major: number }> {
  const { rows } = await client.query<{ used: boolean; v: number }>(
    `SELECT to_regclass('public.migrations') IS NOT NULL AS used, current_setting('server_version_num')::int AS v`,
  );
  return { used: rows[0].used, major: Math.floor(rows[0].v / 10000) };
}

export async function migrationCount(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM migrations`);
  return n;
}

export async function userCount(tx: EntityManager): Promise<number> {
  const [{ users }] = await tx.query<{ users: number }[]>(`SELECT count(*)::int AS users FROM users`);
  return users;
}

export async function organizationCount(tx: EntityManager): Promise<number> {
  const [{ organizations }] = await tx.query<{ organizations: number }[]>(
    `SELECT count(*)::int AS organizations FROM organizations`,
  );
  return organizations;
}

/** Rows per status of a table that has one (a fixed table name: identifiers cannot be parameters). */
export function countsByStatus(
  tx: EntityManager,
  table: 'needs' | 'follow_ups',
): Promise<{ status: string; n: number }[]> {
  return tx.query<{ status: string; n: number }[]>(
    `SELECT status, count(*)::int AS n FROM ${table} GROUP BY status ORDER BY status`,
  );
}

/** This node's own feed: the last sequence number and how many record versions it holds. */
export async function ownFeed(ds: DataSource): Promise<{ seq: string | number; records: number }> {
  const [row] = await ds.query<{ seq: string | number; records: number }[]>(
    `SELECT coalesce(max(seq), 0) AS seq, count(*)::int AS records FROM federation_outbox`,
  );
  return row;
}

export interface PeerStatusRow {
  nodeId: string;
  name: string;
  inRegistry: boolean;
  trusted: boolean;
  distrustReason: string | null;
  lastSeq: string | number;
  held: number;
  receivedCount: number;
  refusedCount: number;
  lastSuccessAt: Date | null;
  caughtUpAt: Date | null;
  lastError: string | null;
  /** Set whenever `lastError` is. */
  lastErrorAt: Date;
  failures: number;
  nextPullAt: Date | null;
}

/** Every peer's pull state and how many live records it shared, by name. */
export function peerStatus(ds: DataSource): Promise<PeerStatusRow[]> {
  return ds.query<PeerStatusRow[]>(
    `SELECT p.node_id AS "nodeId", p.name, p.in_registry AS "inRegistry", p.trusted, p.distrust_reason AS "distrustReason",
            p.last_seq AS "lastSeq", p.received_count AS "receivedCount", p.refused_count AS "refusedCount",
            p.last_success_at AS "lastSuccessAt", p.caught_up_at AS "caughtUpAt", p.last_error AS "lastError",
            p.last_error_at AS "lastErrorAt", p.failures, p.next_pull_at AS "nextPullAt",
            (SELECT count(*)::int FROM federated_records r WHERE r.origin_node_id = p.node_id AND NOT r.deleted) AS held
       FROM federation_peers p ORDER BY p.name`,
  );
}
