import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '#core';
import { CompatibilityQuestionService, CompatibilityService, CompatibilityStatus, ProductService } from '#catalog';
import { NeedFollowService, NeedStatus, NeedThreadService } from '#needs';
import { FollowUpAnsweredHooks, type FollowUpAnsweredEvent } from './follow-up-hooks.js';

/**
 * Closes the loop of the thread when a follow-up says the product is still in use: the needs the
 * implementation answers become ADDRESSED (their reporters are told), and pairs of product and system the
 * catalogue knew nothing about get VERIFIED_IN_PRODUCTION evidence (S4:358-362). Existing statements are
 * left as they are: one organisation's versions must not narrow a wider, better-founded statement.
 */
@Injectable()
export class ThreadHooks implements OnModuleInit {
  constructor(
    private readonly hooks: FollowUpAnsweredHooks,
    private readonly needThread: NeedThreadService,
    private readonly needFollowers: NeedFollowService,
    private readonly compatibility: CompatibilityService,
    private readonly questions: CompatibilityQuestionService,
    private readonly products: ProductService,
  ) {}

  onModuleInit(): void {
    this.hooks.register((ctx, tx, event) => this.onAnswered(ctx, tx, event));
  }

  private async onAnswered(ctx: RequestContext, tx: EntityManager, event: FollowUpAnsweredEvent): Promise<void> {
    if (event.wave === 12 && event.answerVersion === 1) {
      // Only a need's first 12-month answer is news to its followers, whichever implementation gives it.
      await this.needFollowers.tell(tx, event.needIds, {
        kind: 'need.followUpAnswered',
        eventKey: 'first12',
        title: (need) => `Första uppföljningen efter 12 månader är besvarad för ”${need}”`,
        body: (need) =>
          `En kommun som infört lösningen för behovet ”${need}” har besvarat uppföljningen efter 12 månader. Följ hela kedjan från behovet.`,
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
