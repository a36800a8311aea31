import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import type { RequestContext } from '#core';
import { Need } from './need.entity.js';
import { NeedStatus } from './need.enums.js';
import { advancePath, reasonRequired } from './need.workflow.js';
import { NeedError } from '../needs.errors.js';
import { type NeedLink, NeedStatusWriter } from './need-status.writer.js';

export interface AdvanceResult {
  /** Needs that moved, with the statuses they passed through. */
  advanced: { needId: string; from: NeedStatus; to: NeedStatus }[];
  /** Needs left as they were (already further along, closed, merged or unknown). */
  skipped: string[];
  /** Dispatch these after commit: `notifications.dispatch(result.notificationIds)`. */
  notificationIds: string[];
}

/**
 * For the later steps of the thread (test → IN_TEST, procurement → IN_PROCUREMENT, implementation or
 * follow-up → ADDRESSED): moves linked needs along inside the caller's transaction, records the link in
 * their history and tells each reporter. Never throws for a need that cannot move: it is skipped.
 *
 * This is the thread's one linking mechanism: a later domain (testbed, procurement, followup) calls this
 * exported service directly, in its own transaction. Chosen over a domain event because every link has exactly
 * one reaction that must commit or roll back with the step, the call follows the dependency order (later calls
 * earlier, never the reverse), and a typed call is found by "find references"; an event table or registry
 * would add a dispatcher with one subscriber per event and hide who reacts.
 */
@Injectable()
export class NeedThreadService {
  constructor(private readonly writer: NeedStatusWriter) {}

  async advance(
    ctx: RequestContext,
    tx: EntityManager,
    needIds: readonly string[],
    toStatus: NeedStatus,
    reason: string | null,
    link: NeedLink,
  ): Promise<AdvanceResult> {
    const result: AdvanceResult = { advanced: [], skipped: [], notificationIds: [] };
    const unique = [...new Set(needIds)];
    if (unique.length === 0) return result;
    if (reasonRequired(toStatus) && !reason)
      throw NeedError.REASON_REQUIRED({ field: 'reason', params: { status: toStatus } });
    const needs = await tx.find(Need, {
      where: { id: In(unique) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    const found = new Set(needs.map((n) => n.id));
    result.skipped.push(...unique.filter((id) => !found.has(id)));
    for (const need of needs) {
      const from = need.status;
      const path = advancePath(from, toStatus);
      if (path.length === 0) {
        result.skipped.push(need.id);
        continue;
      }
      for (const step of path)
        result.notificationIds.push(...(await this.writer.apply(ctx, tx, need, step, { reason, link })));
      result.advanced.push({ needId: need.id, from, to: toStatus });
    }
    return result;
  }
}
