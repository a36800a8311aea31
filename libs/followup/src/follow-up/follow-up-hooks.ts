import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '#core';
import type { IndicatorValue } from './follow-up.entity.js';

/** What other domains learn when a follow-up is answered (first answer or a correction). */
export interface FollowUpAnsweredEvent {
  followUpId: string;
  implementationId: string;
  organizationId: string;
  productId: string;
  wave: number;
  answerVersion: number;
  /** The needs the implementation answers (plain ids: `needs` lives in another domain). */
  needIds: string[];
  callOffId: string | null;
  values: Record<string, IndicatorValue>;
}

export type FollowUpAnsweredHook = (
  ctx: RequestContext,
  tx: EntityManager,
  event: FollowUpAnsweredEvent,
) => Promise<void>;

/**
 * The place where an answer reaches the rest of the thread, inside the answer's transaction (so it commits or
 * rolls back with it). To wire at merge: the needs the implementation answers become ADDRESSED
 * (`NeedService` of #needs), and the catalogue records VERIFIED_IN_PRODUCTION compatibility evidence for the
 * product (the compatibility service of #catalog). Followup may call those earlier domains; they never call it.
 */
@Injectable()
export class FollowUpAnsweredHooks {
  private readonly hooks: FollowUpAnsweredHook[] = [];

  register(hook: FollowUpAnsweredHook): void {
    this.hooks.push(hook);
  }

  async run(ctx: RequestContext, tx: EntityManager, event: FollowUpAnsweredEvent): Promise<void> {
    for (const hook of this.hooks) await hook(ctx, tx, event);
  }
}
