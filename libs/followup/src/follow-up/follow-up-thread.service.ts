import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '#core';
import { CompatibilityQuestionService, CompatibilityService, CompatibilityStatus, ProductService } from '#catalog';
import { NeedFollowService, NeedStatus, NeedThreadService } from '#needs';
import type { IndicatorValue } from './follow-up.entity.js';

/** What the earlier domains learn when a follow-up is answered (first answer or a correction). */
export interface FollowUpAnswered {
  followUpId: string;
  implementationId: string;
  organizationId: string;
  productId: string;
  wave: number;
  answerVersion: number;
  /** The needs the implementation answers. */
  needIds: string[];
  callOffId: string | null;
  values: Record<string, IndicatorValue>;
}

/**
 * Called by `FollowUpService.answer` inside the answer's transaction (the thread's one mechanism: a later domain
 * calls the earlier domain's exported service directly; see docs/ARCHITECTURE.md). Closes the loop of the thread when a follow-up says the product is still in use: the needs the
 * implementation answers become ADDRESSED (their reporters are told), and pairs of product and system the
 * catalogue knew nothing about get VERIFIED_IN_PRODUCTION evidence. Existing statements are
 * left as they are: one organisation's versions must not narrow a wider, better-founded statement.
 */
@Injectable()
export class FollowUpThreadService {
  constructor(
    private readonly needThread: NeedThreadService,
    private readonly needFollowers: NeedFollowService,
    private readonly compatibility: CompatibilityService,
    private readonly questions: CompatibilityQuestionService,
    private readonly products: ProductService,
  ) {}

  async answered(ctx: RequestContext, tx: EntityManager, event: FollowUpAnswered): Promise<void> {
    if (event.wave === 12 && event.answerVersion === 1) {
      // Only a need's first 12-month answer is news to its followers, whichever implementation gives it.
      await this.needFollowers.tell(tx, event.needIds, {
        kind: 'need.followUpAnswered',
        eventKey: 'first12',
        entityType: 'Implementation',
        entityId: event.implementationId,
      });
    }
    if (event.values.continuedUse !== true) return;
    const label = `${event.wave} månader`;
    await this.needThread.advance(
      ctx,
      tx,
      event.needIds,
      NeedStatus.ADDRESSED,
      `Införd och i fortsatt användning (uppföljning efter ${label})`,
      {
        entityType: 'Implementation',
        entityId: event.implementationId,
      },
    );
    const product = await this.products.load(ctx, event.productId);
    if (!product?.currentVersion) return;
    const unknown = (await this.questions.compatibilityWarnings(ctx, event.organizationId, event.productId)).filter(
      (check) => check.status === CompatibilityStatus.UNKNOWN,
    );
    for (const check of unknown) {
      await this.compatibility.recordProductionEvidence(ctx, tx, {
        productId: product.id,
        productVersions: product.currentVersion,
        systemId: check.systemId,
        systemVersions: check.systemVersion,
        implementationId: event.implementationId,
        sourceNote: `Uppföljning efter ${label} besvarad: i fortsatt användning`,
      });
    }
  }
}
