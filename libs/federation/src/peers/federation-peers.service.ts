import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService, Clock, Db, ReadinessReports, type RequestContext, Role } from '#core';
import { FederationIdentity } from '../federation-identity.js';
import { FederationError } from '../federation.errors.js';
import { RecordType } from '../protocol/record-schemas.js';
import { FederationReceiver } from '../receive/federation-receiver.service.js';
import type {
  FederatedAgreementOutcome,
  FederatedFollowUpWave,
  FederationPeer,
  FederationStatus,
  SetFederationTrustArgs,
} from './federation-peer.types.js';

const PEER_SQL = `
  SELECT p.*, (SELECT count(*)::int FROM federated_records r WHERE r.origin_node_id = p.node_id AND NOT r.deleted) AS record_count
    FROM federation_peers p ORDER BY p.name, p.node_id`;

/** A `federation_peers` row as PEER_SQL reads it (bigint counters come back from pg as strings). */
interface PeerRow {
  node_id: string;
  name: string;
  county: string;
  in_registry: boolean;
  trusted: boolean;
  distrust_reason: string | null;
  trust_changed_at: Date | null;
  last_seq: string;
  last_attempt_at: Date | null;
  last_success_at: Date | null;
  caught_up_at: Date | null;
  last_error: string | null;
  last_error_at: Date | null;
  failures: number;
  next_pull_at: Date | null;
  received_count: string | number;
  refused_count: string | number;
  record_count: number;
}

type PeerTrustRow = Pick<PeerRow, 'node_id' | 'trusted' | 'distrust_reason' | 'trust_changed_at'>;

/** The `data` of an agreement-outcome record (validated against its schema on receipt). */
interface AgreementOutcomeData {
  product: { supplierName: string; name: string; model: string | null; categoryKey: string };
  agreement: { title: string; startsOn: string; endsOn: string };
  implementations: number;
  followUps: FederatedFollowUpWave[];
}

interface AgreementOutcomeRow {
  urn: string;
  origin_node_id: string;
  origin_name: string;
  county: string;
  data: AgreementOutcomeData;
  published_at: Date;
}

/** Node staff's view of the other nodes and their one lever: stop (or resume) trusting a node. */
@Injectable()
export class FederationPeersService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly identity: FederationIdentity,
    private readonly receiver: FederationReceiver,
    private readonly readiness: ReadinessReports,
  ) {}

  onModuleInit(): void {
    // Informative only: a peer that is down never makes this node unready.
    this.readiness.register('federation', async () => {
      if (!this.identity.enabled) return { ok: true, enabled: false };
      const peers = await this.peers();
      return {
        ok: true,
        enabled: true,
        nodeId: this.identity.nodeId,
        peers: peers.map((p) => ({
          nodeId: p.nodeId,
          name: p.name,
          trusted: p.trusted,
          inRegistry: p.inRegistry,
          lastSuccessAt: p.lastSuccessAt,
          caughtUpAt: p.caughtUpAt,
          lagSeconds: p.lagSeconds,
          lastError: p.lastError,
          lastErrorAt: p.lastErrorAt,
          failures: p.failures,
          nextPullAt: p.nextPullAt,
        })),
      };
    });
  }

  async status(ctx: RequestContext): Promise<FederationStatus> {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
    const [{ seq }] = await this.db.manager.query<{ seq: string | number }[]>(
      `SELECT coalesce(max(seq), 0) AS seq FROM federation_outbox`,
    );
    return {
      enabled: this.identity.enabled,
      nodeId: this.identity.enabled ? this.identity.nodeId : null,
      publishedSeq: Number(seq),
      peers: await this.peers(),
    };
  }

  async peers(): Promise<FederationPeer[]> {
    const rows = await this.db.manager.query<PeerRow[]>(PEER_SQL);
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      nodeId: r.node_id,
      name: r.name,
      county: r.county,
      inRegistry: r.in_registry,
      trusted: r.trusted,
      distrustReason: r.distrust_reason,
      trustChangedAt: r.trust_changed_at,
      lastSeq: Number(r.last_seq),
      lastAttemptAt: r.last_attempt_at,
      lastSuccessAt: r.last_success_at,
      caughtUpAt: r.caught_up_at,
      lagSeconds: r.caught_up_at ? Math.max(0, Math.round((now - r.caught_up_at.getTime()) / 1000)) : null,
      lastError: r.last_error,
      lastErrorAt: r.last_error_at,
      failures: r.failures,
      nextPullAt: r.next_pull_at,
      receivedCount: Number(r.received_count),
      refusedCount: Number(r.refused_count),
      recordCount: r.record_count,
    }));
  }

  /** Hidden at once (or shown again) in the same transaction, with the audit entry; the records stay for audit. */
  async setTrust(ctx: RequestContext, args: SetFederationTrustArgs): Promise<FederationPeer> {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
    if (!args.trusted && !args.reason?.trim()) throw FederationError.REASON_REQUIRED({ field: 'reason' });
    await this.db.transaction(async (tx) => {
      const [before] = await tx.query<(PeerTrustRow | undefined)[]>(
        `SELECT * FROM federation_peers WHERE node_id = $1 FOR UPDATE`,
        [args.nodeId],
      );
      if (!before) throw FederationError.NODE_NOT_FOUND({ field: 'nodeId', params: { nodeId: args.nodeId } });
      const [[after]] = await tx.query<[PeerTrustRow[], number]>(
        `UPDATE federation_peers SET trusted = $2, distrust_reason = $3, trust_changed_at = $4, trust_changed_by_user_id = $5,
                next_pull_at = NULL WHERE node_id = $1 RETURNING node_id, trusted, distrust_reason, trust_changed_at`,
        [args.nodeId, args.trusted, args.trusted ? null : args.reason!.trim(), this.clock.now(), ctx.auditUserId],
      );
      await this.receiver.project(tx, { origin: args.nodeId });
      await this.audit.record(ctx, tx, {
        action: args.trusted ? 'federation.nodeTrusted' : 'federation.nodeDistrusted',
        entityType: 'FederationPeer',
        entityId: null,
        before: { nodeId: before.node_id, trusted: before.trusted, distrustReason: before.distrust_reason },
        after: { nodeId: after.node_id, trusted: after.trusted, distrustReason: after.distrust_reason },
      });
    });
    return (await this.peers()).find((p) => p.nodeId === args.nodeId)!;
  }

  /** Other counties' outcomes for a product this node has (matched by supplier, name and model). */
  async outcomesFor(_ctx: RequestContext, productId: string): Promise<FederatedAgreementOutcome[]> {
    const rows = await this.db.manager.query<AgreementOutcomeRow[]>(
      `SELECT r.urn, r.origin_node_id, p.name AS origin_name, p.county, r.data, r.published_at
         FROM federated_records r JOIN federation_peers p ON p.node_id = r.origin_node_id AND p.trusted AND p.in_registry
        WHERE r.record_type = $1 AND NOT r.deleted AND r.local_product_id = $2
        ORDER BY p.name, r.data->'agreement'->>'startsOn' DESC, r.urn`,
      [RecordType.AGREEMENT_OUTCOME, productId],
    );
    return rows.map((r) => ({
      id: r.urn,
      originNodeId: r.origin_node_id,
      originName: r.origin_name,
      originCounty: r.county,
      agreementTitle: r.data.agreement.title,
      startsOn: r.data.agreement.startsOn,
      endsOn: r.data.agreement.endsOn,
      productName: r.data.product.name,
      supplierName: r.data.product.supplierName,
      implementations: r.data.implementations,
      followUps: r.data.followUps,
      publishedAt: r.published_at,
    }));
  }
}
