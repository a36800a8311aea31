import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AuditService, Clock, Db, ReadinessReports, type RequestContext, Role } from '#core';
import { FederationIdentity } from '../federation-identity.js';
import { FederationError } from '../federation.errors.js';
import { FederationReceiver } from '../receive/federation-receiver.service.js';
import type {
  FederatedAgreementOutcome,
  FederationPeer,
  FederationStatus,
  SetFederationTrustArgs,
} from './federation-peer.types.js';
import { agreementOutcomesFor, peerRows, peerTrustForUpdate, publishedSeq, setPeerTrust } from './peers.queries.js';

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
    const seq = await publishedSeq(this.db.manager);
    return {
      enabled: this.identity.enabled,
      nodeId: this.identity.enabled ? this.identity.nodeId : null,
      publishedSeq: Number(seq),
      peers: await this.peers(),
    };
  }

  async peers(): Promise<FederationPeer[]> {
    const rows = await peerRows(this.db.manager);
    const now = this.clock.now().getTime();
    return rows.map((r) => ({
      ...r,
      lastSeq: Number(r.lastSeq),
      lagSeconds: r.caughtUpAt ? Math.max(0, Math.round((now - r.caughtUpAt.getTime()) / 1000)) : null,
      receivedCount: Number(r.receivedCount),
      refusedCount: Number(r.refusedCount),
    }));
  }

  /** Hidden at once (or shown again) in the same transaction, with the audit entry; the records stay for audit. */
  async setTrust(ctx: RequestContext, args: SetFederationTrustArgs): Promise<FederationPeer> {
    ctx.requireRole(Role.NODE_ADMIN, Role.NODE_STAFF);
    if (!args.trusted && !args.reason?.trim()) throw FederationError.REASON_REQUIRED({ field: 'reason' });
    await this.db.transaction(async (tx) => {
      const before = await peerTrustForUpdate(tx, args.nodeId);
      if (!before) throw FederationError.NODE_NOT_FOUND({ field: 'nodeId', params: { nodeId: args.nodeId } });
      const after = await setPeerTrust(tx, {
        nodeId: args.nodeId,
        trusted: args.trusted,
        reason: args.trusted ? null : args.reason!.trim(),
        at: this.clock.now(),
        byUserId: ctx.auditUserId,
      });
      await this.receiver.project(tx, { origin: args.nodeId });
      await this.audit.record(ctx, tx, {
        action: args.trusted ? 'federation.nodeTrusted' : 'federation.nodeDistrusted',
        entityType: 'FederationPeer',
        entityId: null,
        before: { nodeId: before.nodeId, trusted: before.trusted, distrustReason: before.distrustReason },
        after: { nodeId: after.nodeId, trusted: after.trusted, distrustReason: after.distrustReason },
      });
    });
    return (await this.peers()).find((p) => p.nodeId === args.nodeId)!;
  }

  /** Other counties' outcomes for a product this node has (matched by supplier, name and model). */
  async outcomesFor(_ctx: RequestContext, productId: string): Promise<FederatedAgreementOutcome[]> {
    const rows = await agreementOutcomesFor(this.db.manager, productId);
    return rows.map((r) => ({
      id: r.urn,
      originNodeId: r.originNodeId,
      originName: r.originName,
      originCounty: r.county,
      agreementTitle: r.data.agreement.title,
      startsOn: r.data.agreement.startsOn,
      endsOn: r.data.agreement.endsOn,
      productName: r.data.product.name,
      supplierName: r.data.product.supplierName,
      implementations: r.data.implementations,
      followUps: r.data.followUps,
      publishedAt: r.publishedAt,
    }));
  }
}
