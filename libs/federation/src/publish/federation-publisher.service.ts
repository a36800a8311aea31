import { Injectable, Logger } from '@nestjs/common';
import { Clock, Db } from '#core';
import { FederationIdentity } from '../federation-identity.js';
import { contentHash } from '../protocol/canonical-json.js';
import { RecordType, type RecordPayload, SCHEMA_OF, validatePayload } from '../protocol/record-schemas.js';
import { SharedRecords } from './shared-records.js';
import { appendOutbox, lockPublishing, nextSeqs, type OutboxEntry, publishedRecords } from './publish.queries.js';

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
      await lockPublishing(tx);
      const now = this.clock.now();
      let written = 0;
      for (const type of Object.values(RecordType)) {
        const current = await this.shared.current(tx, type, urnOf);
        const held = await publishedRecords(tx, type);
        const heldById = new Map(held.map((row) => [row.recordId, row]));
        const changes: { id: string; version: number; hash: string; data?: Record<string, unknown> }[] = [];
        const seen = new Set<string>();
        for (const record of current) {
          seen.add(record.id);
          const hash = contentHash(record.data);
          const before = heldById.get(record.id);
          if (before && !before.deleted && before.contentHash === hash) continue;
          changes.push({ id: record.id, version: (before?.version ?? 0) + 1, hash, data: record.data });
        }
        for (const row of held)
          if (!row.deleted && !seen.has(row.recordId))
            changes.push({ id: row.recordId, version: row.version + 1, hash: 'deleted' });
        if (!changes.length) continue;

        const seqs = await nextSeqs(tx, changes.length);
        const outbox: OutboxEntry[] = [];
        for (const [i, change] of changes.entries()) {
          const payload: RecordPayload = {
            iss: this.identity.nodeId,
            id: urnOf(type, change.id),
            version: change.version,
            seq: Number(seqs[i]),
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
          outbox.push({
            seq: payload.seq,
            recordId: change.id,
            version: change.version,
            deleted: !change.data,
            publishedAt: now,
            kid,
            payload,
            jws,
            contentHash: change.hash,
          });
        }
        if (!outbox.length) continue;
        await appendOutbox(tx, type, outbox);
        written += outbox.length;
      }
      if (written) this.logger.log({ message: 'federation records published', count: written });
      return written;
    });
  }
}
