import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Clock, MetricsService } from '#core';
import { VersionRange } from '#catalog';
import type { Registry, RegistryNode } from '../keys/registry.js';
import { parseUrn, type RecordPayload } from '../protocol/record-schemas.js';
import {
  countReceived,
  insertRefusals,
  keepRecordVersions,
  matchRecords,
  projectRecords,
  type Refusal,
  type Scope,
  unmatchedRecordUrns,
  upsertRecords,
} from './receive.queries.js';
import { type KeyLookup, RefusalReason, verifyRecord } from './verify-record.js';

export interface PageOutcome {
  accepted: number;
  unchanged: number;
  refused: { reason: RefusalReason; detail: string }[];
}

/**
 * Stores what a peer's feed holds, after the receipt checks: a version newer than the one held replaces it (the
 * raw JWS of every accepted version is kept), anything else changes nothing. Then it projects the records into
 * the domains' own tables with their origin (knowledge entries, compatibility statements), only while the origin
 * is in the registry and trusted.
 */
@Injectable()
export class FederationReceiver {
  private readonly records;

  constructor(
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.records = metrics.counter({
      name: 'noden_federation_records_total',
      help: "Records pulled from other counties' nodes, by peer and outcome (accepted, unchanged, or the refusal reason)",
      labelNames: ['peer', 'outcome'],
    });
  }

  async receivePage(
    tx: EntityManager,
    origin: RegistryNode,
    registry: Registry,
    jwsList: unknown[],
    keyFor: KeyLookup,
  ): Promise<PageOutcome> {
    const now = this.clock.now();
    const outcome: PageOutcome = { accepted: 0, unchanged: 0, refused: [] };
    const refusals: Refusal[] = [];
    const newest = new Map<string, { payload: RecordPayload; jws: string }>();
    for (const jws of jwsList) {
      let verified = await verifyRecord(jws, origin, registry, keyFor);
      if (verified.ok) {
        const semantic = semanticProblem(verified.payload);
        if (semantic) verified = { ok: false, reason: RefusalReason.SCHEMA_INVALID, detail: semantic };
      }
      if (!verified.ok) {
        outcome.refused.push({ reason: verified.reason, detail: verified.detail });
        refusals.push({
          seq: seqOf(jws),
          reason: verified.reason,
          detail: verified.detail,
          jws: typeof jws === 'string' ? jws.slice(0, 200_000) : JSON.stringify(jws ?? null).slice(0, 10_000),
        });
        continue;
      }
      const held = newest.get(verified.payload.id);
      if (!held || held.payload.version < verified.payload.version)
        newest.set(verified.payload.id, { payload: verified.payload, jws: jws as string });
    }
    if (refusals.length) await insertRefusals(tx, origin.id, refusals, now);
    const fresh = [...newest.values()];
    if (fresh.length) {
      const urns = await upsertRecords(
        tx,
        origin.id,
        fresh.map((f) => ({
          urn: f.payload.id,
          type: parseUrn(f.payload.id)!.type,
          recordId: parseUrn(f.payload.id)!.id,
          version: f.payload.version,
          seq: f.payload.seq,
          schema: f.payload.schema,
          publishedAt: f.payload.publishedAt,
          deleted: f.payload.deleted === true,
          data: f.payload.data ? JSON.stringify(f.payload.data) : null,
          jws: f.jws,
        })),
        now,
      );
      if (urns.length) {
        await keepRecordVersions(tx, urns);
        await this.match(tx, { urns });
        await this.project(tx, { urns });
      }
      outcome.accepted = urns.length;
    }
    outcome.unchanged = jwsList.length - outcome.accepted - outcome.refused.length;
    this.records.inc({ peer: origin.id, outcome: 'accepted' }, outcome.accepted);
    this.records.inc({ peer: origin.id, outcome: 'unchanged' }, outcome.unchanged);
    for (const refusal of outcome.refused) this.records.inc({ peer: origin.id, outcome: refusal.reason });
    await countReceived(tx, origin.id, outcome.accepted, outcome.refused.length);
    return outcome;
  }

  /**
   * Finds the local product (supplier + product name + model) and system (vendor + name + kind) a record is
   * about; records whose product or system this node does not have yet are matched again on later pulls.
   */
  async match(tx: EntityManager, scope: Scope): Promise<void> {
    await matchRecords(tx, scope, this.clock.now());
  }

  /** Records still waiting for their product or system here: matched again, and shown once they are. */
  async rematch(tx: EntityManager): Promise<number> {
    const urns = await unmatchedRecordUrns(tx);
    if (!urns.length) return 0;
    const scope = { urns };
    await this.match(tx, scope);
    await this.project(tx, scope);
    return urns.length;
  }

  /** Replaces the rows the records show as in the domains' tables; none while the origin is not trusted. */
  async project(tx: EntityManager, scope: Scope): Promise<void> {
    await projectRecords(tx, scope);
  }
}

/** Checks the allow-list cannot express: version ranges this node can read. */
function semanticProblem(payload: RecordPayload): string | null {
  if (payload.deleted || payload.schema !== 'noden.compatibility-statement/1') return null;
  for (const field of ['productVersions', 'systemVersions'] as const) {
    const parsed = VersionRange.parse(payload.data![field] as string);
    if (typeof parsed === 'string') return `data.${field}: ${parsed.toLowerCase()} version range`;
  }
  return null;
}

function seqOf(jws: unknown): number | null {
  try {
    const payload: unknown = JSON.parse(Buffer.from(String(jws).split('.')[1] ?? '', 'base64url').toString('utf8'));
    const seq = typeof payload === 'object' && payload !== null && 'seq' in payload ? payload.seq : undefined;
    return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : null;
  } catch {
    return null;
  }
}
