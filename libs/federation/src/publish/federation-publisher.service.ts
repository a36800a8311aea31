import { Injectable, Logger } from '@nestjs/common';
import { Clock, Db } from '#core';
import { FederationIdentity } from '../federation-identity.js';
import { contentHash } from '../protocol/canonical-json.js';
import { RecordType, type RecordPayload, SCHEMA_OF, validatePayload } from '../protocol/record-schemas.js';
import { SharedRecords } from './shared-records.js';

interface PublishedRow {
  record_id: string;
  version: number;
  content_hash: string;
  deleted: boolean;
}

/** Publishing runs at most this often from feed requests (the worker's tick publishes too). */
const MIN_REFRESH_INTERVAL_MS = 2000;

/**
 * Keeps the outbox in step with the domains: each shared record whose content changed gets a new version, signed,
 * under the next sequence number; a record no longer published gets a tombstone. Runs under one advisory lock, so
 * sequence numbers commit in order and a reader at `after=n` never skips one still being written.
 */
@Injectable()
export class FederationPublisher {
  private readonly logger = new Logger('Federation');
  private lastRefresh = 0;
  private running?: Promise<number>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly identity: FederationIdentity,
    private readonly shared: SharedRecords,
  ) {}

  /** For the feed: publishes what changed unless that was done a moment ago. */
  refreshSoon(): Promise<number> {
    if (Date.now() - this.lastRefresh < MIN_REFRESH_INTERVAL_MS) return Promise.resolve(0);
    return this.refresh();
  }

  refresh(): Promise<number> {
    this.running ??= this.publish().finally(() => {
      this.running = undefined;
      this.lastRefresh = Date.now();
    });
    return this.running;
  }

  private async publish(): Promise<number> {
    if (!this.identity.enabled) return 0;
    const keys = await this.identity.nodeKeys();
    const urnOf = (type: RecordType, id: string) => this.identity.urn(type, id);
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('noden.federation.publish'))`);
      const now = this.clock.now();
      let written = 0;
      for (const type of Object.values(RecordType)) {
        const current = await this.shared.current(tx, type, urnOf);
        const held: PublishedRow[] = await tx.query(
          `SELECT record_id, version, content_hash, deleted FROM federation_published WHERE record_type = $1`,
          [type],
        );
        const heldById = new Map(held.map((row) => [row.record_id, row]));
        const changes: { id: string; version: number; hash: string; data?: Record<string, unknown> }[] = [];
        const seen = new Set<string>();
        for (const record of current) {
          seen.add(record.id);
          const hash = contentHash(record.data);
          const before = heldById.get(record.id);
          if (before && !before.deleted && before.content_hash === hash) continue;
          changes.push({ id: record.id, version: (before?.version ?? 0) + 1, hash, data: record.data });
        }
        for (const row of held)
          if (!row.deleted && !seen.has(row.record_id))
            changes.push({ id: row.record_id, version: row.version + 1, hash: 'deleted' });
        if (!changes.length) continue;

        const seqs: { seq: string }[] = await tx.query(
          `SELECT nextval('federation_outbox_seq') AS seq FROM generate_series(1, $1)`,
          [changes.length],
        );
        const outbox: unknown[][] = [];
        for (const [i, change] of changes.entries()) {
          const payload: RecordPayload = {
            iss: this.identity.nodeId,
            id: urnOf(type, change.id),
            version: change.version,
            seq: Number(seqs[i].seq),
            publishedAt: now.toISOString(),
            schema: SCHEMA_OF[type],
            ...(change.data ? { data: change.data } : { deleted: true as const }),
          };
          const problems = validatePayload(payload);
          if (problems.length) {
            // Never sign what the allow-list refuses: the record stays unpublished until it fits.
            this.logger.warn({ message: 'record not published', id: payload.id, problems: problems.slice(0, 5) });
            continue;
          }
          const { jws, kid } = await keys.sign(payload);
          outbox.push([
            payload.seq,
            type,
            change.id,
            change.version,
            !change.data,
            now,
            kid,
            payload,
            jws,
            change.hash,
          ]);
        }
        if (!outbox.length) continue;
        await tx.query(
          `INSERT INTO federation_outbox (seq, record_type, record_id, version, deleted, published_at, kid, payload, jws)
           SELECT * FROM unnest($1::bigint[], $2::text[], $3::uuid[], $4::int[], $5::boolean[], $6::timestamptz[], $7::text[], $8::jsonb[], $9::text[])`,
          columns(outbox, 9),
        );
        await tx.query(
          `INSERT INTO federation_published (record_type, record_id, version, content_hash, deleted)
           SELECT $1::text, * FROM unnest($2::uuid[], $3::int[], $4::text[], $5::boolean[])
           ON CONFLICT (record_type, record_id) DO UPDATE SET version = EXCLUDED.version, content_hash = EXCLUDED.content_hash, deleted = EXCLUDED.deleted`,
          [type, ...[2, 3, 9, 4].map((i) => outbox.map((row) => row[i]))],
        );
        written += outbox.length;
      }
      if (written) this.logger.log({ message: 'federation records published', count: written });
      return written;
    });
  }
}

function columns(rows: unknown[][], count: number): unknown[][] {
  return Array.from({ length: count }, (_, i) =>
    rows.map((row) =>
      row[i] !== null && typeof row[i] === 'object' && !(row[i] instanceof Date) ? JSON.stringify(row[i]) : row[i],
    ),
  );
}
