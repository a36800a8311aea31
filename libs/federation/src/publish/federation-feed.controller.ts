import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock, Db, Public } from '#core';
import { FederationIdentity } from '../federation-identity.js';
import { FederationError } from '../federation.errors.js';
import { FederationPublisher } from './federation-publisher.service.js';
import { type FeedRow, feedPage, outboxPayload, resign } from './publish.queries.js';

export const MAX_FEED_LIMIT = 1000;
const DEFAULT_FEED_LIMIT = 200;

/**
 * The two public routes of the protocol (docs/federation.md): the node's public keys, and its signed change feed.
 * Both are public: everything in them is published and signed; peers verify rather than authenticate.
 */
@Controller()
export class FederationFeedController {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly identity: FederationIdentity,
    private readonly publisher: FederationPublisher,
  ) {}

  @Public()
  @Get('.well-known/noden/jwks.json')
  async jwks(@Res() reply: FastifyReply): Promise<void> {
    if (!this.identity.enabled) throw FederationError.OFF();
    const keys = await this.identity.nodeKeys();
    await reply
      .header('cache-control', 'public, max-age=300')
      .header('content-type', 'application/jwk-set+json')
      .send(keys.publicJwks(this.clock.now()));
  }

  /** `{ records: [<compact JWS>], next }`: the versions after `after` in sequence order; `next` is the last one's seq. */
  @Public()
  @Get('federation/v1/changes')
  async changes(
    @Query('after') afterText: string | undefined,
    @Query('limit') limitText: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!this.identity.enabled) throw FederationError.OFF();
    const after = afterText === undefined || afterText === '' ? 0 : Number(afterText);
    if (!Number.isSafeInteger(after) || after < 0 || !/^\d*$/.test(afterText ?? ''))
      throw FederationError.AFTER_INVALID({ field: 'after' });
    const limit = limitText === undefined || limitText === '' ? DEFAULT_FEED_LIMIT : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_LIMIT)
      throw FederationError.LIMIT_INVALID({ field: 'limit', params: { max: MAX_FEED_LIMIT } });
    let rows = await this.page(after, limit);
    // At the head: publish what changed since, so a peer sees a new record without waiting for the worker's tick.
    if (rows.length < limit && (await this.publisher.refreshSoon()) > 0) rows = await this.page(after, limit);
    const records = await this.resignRetired(rows);
    await reply
      .header('cache-control', 'no-store')
      .send({ records, next: rows.length ? Number(rows.at(-1)!.seq) : after });
  }

  private page(after: number, limit: number): Promise<FeedRow[]> {
    return feedPage(this.db.manager, after, limit, this.currentKid ?? '');
  }

  private currentKid?: string;

  /**
   * After a key rotation, versions signed by a key no longer published are signed again with the current key
   * (same payload, same seq), so a node catching up from the start can still verify them.
   */
  private async resignRetired(rows: FeedRow[]): Promise<string[]> {
    const keys = await this.identity.nodeKeys();
    this.currentKid = keys.signingKid;
    const live = new Set(keys.publicJwks(this.clock.now()).keys.map((k) => k.kid));
    const out: string[] = [];
    for (const row of rows) {
      if (live.has(row.kid)) {
        out.push(row.jws);
        continue;
      }
      const payload = row.payload ?? (await outboxPayload(this.db.manager, row.seq));
      const { jws, kid } = await keys.sign(payload);
      await resign(this.db.manager, row.seq, jws, kid);
      out.push(jws);
    }
    return out;
  }
}
