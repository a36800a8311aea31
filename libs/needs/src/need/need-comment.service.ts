import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService, Clock, Db, type RequestContext } from '#core';
import { Need } from './need.entity.js';
import { NeedComment } from './need-comment.entity.js';
import type { CommentOnNeedInput } from './dto/change-need-status.input.js';
import { NeedPolicy } from '../needs.policy.js';
import { NeedError } from '../needs.errors.js';

/** Anyone who can see a need may comment on it; the comments are as confidential as the need. */
@Injectable()
export class NeedCommentService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async comment(ctx: RequestContext, input: CommentOnNeedInput): Promise<NeedComment> {
    const actor = ctx.user;
    return this.db.transaction(async (tx) => {
      const need = await tx.findOneBy(Need, { id: input.needId });
      if (!need || !NeedPolicy.canSee(ctx, need)) throw NeedError.NOT_FOUND({ field: 'input.needId' });
      const comment = tx.create(NeedComment, {
        needId: need.id,
        authorUserId: actor.userId,
        organizationId: actor.organizationId,
        body: input.body,
        createdAt: this.clock.now(),
      });
      await tx.insert(NeedComment, comment);
      await this.audit.record(ctx, tx, {
        action: 'need.commented',
        entityType: 'Need',
        entityId: need.id,
        after: { commentId: comment.id },
      });
      return comment;
    });
  }

  commentsOf(ctx: RequestContext, needId: string): Promise<NeedComment[]> {
    return ctx.loaders
      .manyByKey<string, NeedComment>(
        'needComments',
        (ids) => this.db.manager.find(NeedComment, { where: { needId: In([...ids]) }, order: { seq: 'ASC' } }),
        (c) => c.needId,
      )
      .load(needId);
  }
}
