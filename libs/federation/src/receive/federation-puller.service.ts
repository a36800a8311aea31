import { Injectable, Logger } from '@nestjs/common';
import type { JWK } from 'jose';
import { Clock, Db } from '#core';
import { FederationIdentity } from '../federation-identity.js';
import {
  fetchRegistryJws,
  importRegistryKey,
  type Registry,
  type RegistryNode,
  verifyRegistry,
} from '../keys/registry.js';
import { FederationPublisher } from '../publish/federation-publisher.service.js';
import { FederationReceiver } from './federation-receiver.service.js';
import {
  advancePeerSeq,
  duePeerIds,
  lockPeerSeq,
  markPullAttempt,
  markPullFailed,
  markPullSucceeded,
  peerCursor,
  peerFailures,
  storePeerKeys,
  syncPeerRows,
} from './receive.queries.js';

export const PULL_PAGE_SIZE = 500;
/** Pages per peer and run: a peer far behind catches up over a few runs without holding the queue. */
const MAX_PAGES_PER_RUN = 100;

export interface PullReport {
  registryError?: string;
  peers: { nodeId: string; ok: boolean; accepted: number; unchanged: number; refused: number; error?: string }[];
}

/**
 * The repeating pull: reads the signed registry, then pulls every trusted peer that is due, all at once and each
 * on its own (a peer that is down waits out its backoff; the others go on), from the sequence number kept in
 * Postgres. A page is stored in one transaction that also advances the cursor, and only if nobody else advanced
 * it meanwhile, so a page pulled twice, out of order or after a restart changes nothing.
 */
@Injectable()
export class FederationPuller {
  private readonly logger = new Logger('Federation');

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly identity: FederationIdentity,
    private readonly receiver: FederationReceiver,
    private readonly publisher: FederationPublisher,
  ) {}

  async run(): Promise<PullReport> {
    if (!this.identity.enabled) return { peers: [] };
    await this.publisher.refresh();
    let registry: Registry;
    try {
      registry = await this.loadRegistry();
    } catch (error) {
      const message = (error as Error).message;
      this.logger.error({ message: 'federation registry unusable', error: message });
      return { registryError: message, peers: [] };
    }
    await this.syncPeers(registry);
    const due = await duePeerIds(this.db.manager, this.identity.nodeId, this.clock.now());
    const peers = await Promise.all(
      due.map((nodeId) =>
        this.pullPeer(
          registry.nodes.find((n) => n.id === nodeId)!,
          registry,
        ),
      ),
    );
    await this.db.transaction((tx) => this.receiver.rematch(tx));
    return { peers };
  }

  async loadRegistry(): Promise<Registry> {
    const config = this.identity.config;
    const jws = await fetchRegistryJws(config, config.requestTimeoutMs);
    return verifyRegistry(jws, await importRegistryKey(config.registryKey));
  }

  /** The peers table follows the registry: new nodes added, names kept current, removed nodes hidden. */
  async syncPeers(registry: Registry): Promise<void> {
    const others = registry.nodes.filter((node) => node.id !== this.identity.nodeId);
    await this.db.transaction(async (tx) => {
      const changed = await syncPeerRows(tx, others);
      for (const nodeId of changed) await this.receiver.project(tx, { origin: nodeId });
    });
  }

  private async pullPeer(node: RegistryNode, registry: Registry): Promise<PullReport['peers'][number]> {
    const report = { nodeId: node.id, ok: true, accepted: 0, unchanged: 0, refused: 0 } as PullReport['peers'][number];
    const timeoutMs = this.identity.config.requestTimeoutMs;
    await markPullAttempt(this.db.manager, node.id, this.clock.now());
    try {
      let peer = await peerCursor(this.db.manager, node.id);
      let jwks = peer.jwks;
      /** Fetched again (outside the page's transaction) when a page names a key not seen yet. */
      const ensureKeys = async (records: unknown[]): Promise<void> => {
        const kids = new Set(records.map(kidOf).filter((kid): kid is string => kid !== null));
        if ([...kids].every((kid) => jwks?.keys?.some((k) => k.kid === kid))) return;
        const fetched = await getJson<{ keys: JWK[] }>(`${node.id}/.well-known/noden/jwks.json`, timeoutMs);
        if (!Array.isArray(fetched?.keys)) throw new Error('the JWKS has no keys');
        jwks = fetched;
        await storePeerKeys(this.db.manager, node.id, jwks, this.clock.now());
      };
      const keyFor = async (kid: string): Promise<JWK | undefined> => jwks?.keys?.find((k) => k.kid === kid);
      let caughtUp = false;
      for (let page = 0; page < MAX_PAGES_PER_RUN && !caughtUp; page++) {
        const after = Number(peer.lastSeq);
        const body = await getJson<{ records: unknown; next: unknown }>(
          `${node.id}/federation/v1/changes?after=${after}&limit=${PULL_PAGE_SIZE}`,
          timeoutMs,
        );
        if (!Array.isArray(body?.records) || !Number.isSafeInteger(body.next) || (body.next as number) < after)
          throw new Error('the feed answered something other than { records, next }');
        const next = body.next as number;
        caughtUp = body.records.length < PULL_PAGE_SIZE;
        await ensureKeys(body.records);
        const advanced = await this.db.transaction(async (tx) => {
          const locked = await lockPeerSeq(tx, node.id);
          // Another worker stored this page meanwhile: nothing to do.
          if (Number(locked) !== after) return false;
          const outcome = await this.receiver.receivePage(tx, node, registry, body.records as unknown[], keyFor);
          report.accepted += outcome.accepted;
          report.unchanged += outcome.unchanged;
          report.refused += outcome.refused.length;
          await advancePeerSeq(tx, node.id, next);
          return true;
        });
        if (!advanced) break;
        peer = { ...peer, lastSeq: String(next) };
      }
      const now = this.clock.now();
      await markPullSucceeded(this.db.manager, node.id, now, caughtUp);
      if (report.accepted || report.refused) this.logger.log({ message: 'federation pull', peer: node.id, ...report });
    } catch (error) {
      const message = describe(error);
      report.ok = false;
      report.error = message;
      const failures = await peerFailures(this.db.manager, node.id);
      const config = this.identity.config;
      const backoff = Math.min(config.pullIntervalMs * 2 ** failures, config.backoffMaxMs);
      const now = this.clock.now();
      await markPullFailed(this.db.manager, node.id, {
        error: message,
        at: now,
        nextPullAt: new Date(now.getTime() + backoff),
      });
      this.logger.warn({ message: 'federation pull failed', peer: node.id, error: message, retryInMs: backoff });
    }
    return report;
  }
}

function kidOf(jws: unknown): string | null {
  try {
    const header: unknown = JSON.parse(Buffer.from(String(jws).split('.')[0], 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null && 'kid' in header && typeof header.kid === 'string'
      ? header.kid
      : null;
  } catch {
    return null;
  }
}

async function getJson<T>(url: string, timeoutMs: number): Promise<T> {
  const response = await fetch(url, {
    signal: AbortSignal.timeout(timeoutMs),
    headers: { accept: 'application/json' },
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return (await response.json()) as T;
}

function describe(error: unknown): string {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError') return 'timed out';
  const cause = e?.cause?.code ?? e?.cause?.message;
  return (cause ? `${e.message} (${cause})` : (e?.message ?? String(error))).slice(0, 500);
}
