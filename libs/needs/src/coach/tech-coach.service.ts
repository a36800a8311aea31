import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService, Clock, type ConnectionResult, Db, paginate, type RequestContext, User } from '#core';
import { type TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { TechCoach } from './tech-coach.entity.js';
import { TechCoachCategory } from './tech-coach-category.entity.js';
import { CoachActivity } from './coach-activity.entity.js';
import type {
  RecordCoachActivityInput,
  RegisterTechCoachInput,
  TechCoachesArgs,
  UpdateTechCoachInput,
} from './dto/tech-coach.input.js';
import { CoachPolicy } from '../needs.policy.js';
import { CoachError } from '../needs.errors.js';

/** Activities shown per coach in the directory; older ones stay in the table. */
const RECENT_ACTIVITIES = 50;

/** The tech-coach network (S4:345): a directory by organisation, unit, setting and technology, and field activities. */
@Injectable()
export class TechCoachService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly categories: TechnologyCategoryService,
  ) {}

  /** A coach registers themself; a coordinator of the organisation or node staff registers others. */
  async register(ctx: RequestContext, input: RegisterTechCoachInput): Promise<TechCoach> {
    const userId = input.userId ?? ctx.userId;
    const user = await this.db.manager.findOneBy(User, { id: userId });
    if (!user) throw CoachError.USER_NOT_FOUND({ field: 'input.userId' });
    CoachPolicy.assertRegisters(ctx, user);
    const categoryIds = await this.resolveCategories(ctx, input.categories ?? []);
    return this.db.transaction(async (tx) => {
      if (await tx.existsBy(TechCoach, { userId: user.id })) throw CoachError.EXISTS({ field: 'input.userId' });
      const now = this.clock.now();
      const coach = tx.create(TechCoach, {
        userId: user.id,
        organizationId: user.organizationId,
        unit: input.unit,
        setting: input.setting,
        active: true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(TechCoach, coach);
      await this.replaceCategories(tx, coach.id, categoryIds);
      await this.audit.record(ctx, tx, {
        action: 'techCoach.registered',
        entityType: 'TechCoach',
        entityId: coach.id,
        after: { ...coach, categoryIds },
      });
      return coach;
    });
  }

  async update(ctx: RequestContext, input: UpdateTechCoachInput): Promise<TechCoach> {
    const categoryIds = input.categories ? await this.resolveCategories(ctx, input.categories) : null;
    return this.db.transaction(async (tx) => {
      const coach = await tx.findOne(TechCoach, { where: { id: input.coachId }, lock: { mode: 'pessimistic_write' } });
      if (!coach) throw CoachError.NOT_FOUND({ field: 'input.coachId' });
      CoachPolicy.assertManages(ctx, coach);
      const before = { ...coach };
      if (input.unit) coach.unit = input.unit;
      if (input.setting) coach.setting = input.setting;
      if (input.active != null) coach.active = input.active;
      coach.updatedAt = this.clock.now();
      await tx.update(
        TechCoach,
        { id: coach.id },
        { unit: coach.unit, setting: coach.setting, active: coach.active, updatedAt: coach.updatedAt },
      );
      if (categoryIds) await this.replaceCategories(tx, coach.id, categoryIds);
      await this.audit.record(ctx, tx, {
        action: input.active === false && before.active ? 'techCoach.deactivated' : 'techCoach.updated',
        entityType: 'TechCoach',
        entityId: coach.id,
        before,
        after: { ...coach, ...(categoryIds ? { categoryIds } : {}) },
      });
      return coach;
    });
  }

  /** The directory is open to every member: it is how the network finds its coaches. */
  async list(ctx: RequestContext, args: TechCoachesArgs): Promise<ConnectionResult<TechCoach>> {
    const qb = this.db.manager.createQueryBuilder(TechCoach, 'c');
    if (args.organizationId)
      qb.andWhere('c.organization_id = :organizationId', { organizationId: args.organizationId });
    if (args.setting) qb.andWhere('c.setting = :setting', { setting: args.setting });
    if (args.active != null) qb.andWhere('c.active = :active', { active: args.active });
    if (args.category) {
      const category = await this.categories.resolve(ctx, args.category, 'category');
      qb.andWhere(
        'EXISTS (SELECT 1 FROM tech_coach_categories cc WHERE cc.coach_id = c.id AND cc.category_id = :categoryId)',
        { categoryId: category.id },
      );
    }
    return paginate(qb, args, [
      { expression: 'lower(c.unit)', direction: 'ASC', value: (c) => c.unit.toLowerCase() },
      { expression: 'c.id', direction: 'ASC', value: (c) => c.id },
    ]);
  }

  async recordActivity(ctx: RequestContext, input: RecordCoachActivityInput): Promise<CoachActivity> {
    if (input.occurredOn > this.clock.today()) throw CoachError.DATE_IN_FUTURE({ field: 'input.occurredOn' });
    return this.db.transaction(async (tx) => {
      const coach = input.coachId
        ? await tx.findOneBy(TechCoach, { id: input.coachId })
        : await tx.findOneBy(TechCoach, { userId: ctx.userId });
      if (!coach)
        throw input.coachId
          ? CoachError.NOT_FOUND({ field: 'input.coachId' })
          : CoachError.NOT_A_COACH({ field: 'input.coachId' });
      CoachPolicy.assertManages(ctx, coach);
      if (!coach.active) throw CoachError.INACTIVE({ field: 'input.coachId' });
      const activity = tx.create(CoachActivity, {
        coachId: coach.id,
        kind: input.kind,
        occurredOn: input.occurredOn,
        staffReached: input.staffReached,
        note: input.note ?? null,
        recordedByUserId: ctx.userId,
        createdAt: this.clock.now(),
      });
      await tx.insert(CoachActivity, activity);
      await this.audit.record(ctx, tx, {
        action: 'techCoach.activityRecorded',
        entityType: 'TechCoach',
        entityId: coach.id,
        after: { ...activity, note: undefined },
      });
      return activity;
    });
  }

  async categoriesOf(ctx: RequestContext, coachId: string): Promise<TechnologyCategory[]> {
    const links = await ctx.loaders
      .manyByKey<string, TechCoachCategory>(
        'techCoachCategories',
        (ids) => this.db.manager.findBy(TechCoachCategory, { coachId: In([...ids]) }),
        (l) => l.coachId,
      )
      .load(coachId);
    const categories = await Promise.all(links.map((l) => this.categories.load(ctx, l.categoryId)));
    return categories.filter((c): c is TechnologyCategory => !!c).sort((a, b) => a.sortOrder - b.sortOrder);
  }

  /** The latest activities, for the coach's organisation and node staff only (notes are internal). */
  async activitiesOf(ctx: RequestContext, coach: TechCoach): Promise<CoachActivity[]> {
    if (!CoachPolicy.canSeeActivities(ctx, coach)) return [];
    return ctx.loaders
      .manyByKey<string, CoachActivity>(
        'coachActivities',
        (ids) =>
          this.db.manager
            .createQueryBuilder(CoachActivity, 'a')
            .where(
              `a.id IN (SELECT r.id FROM (SELECT id, row_number() OVER (PARTITION BY coach_id ORDER BY occurred_on DESC, created_at DESC, id DESC) AS rn
                 FROM coach_activities WHERE coach_id IN (:...ids)) r WHERE r.rn <= :recent)`,
              { ids: [...ids], recent: RECENT_ACTIVITIES },
            )
            .orderBy('a.occurred_on', 'DESC')
            .addOrderBy('a.created_at', 'DESC')
            .addOrderBy('a.id', 'DESC')
            .getMany(),
        (a) => a.coachId,
      )
      .load(coach.id);
  }

  private async resolveCategories(ctx: RequestContext, idsOrKeys: readonly string[]): Promise<string[]> {
    const resolved = await Promise.all(
      idsOrKeys.map((value, i) => this.categories.resolve(ctx, value, `input.categories.${i}`)),
    );
    return [...new Set(resolved.map((c) => c.id))];
  }

  private async replaceCategories(tx: EntityManager, coachId: string, categoryIds: readonly string[]): Promise<void> {
    await tx.delete(TechCoachCategory, { coachId });
    if (categoryIds.length)
      await tx.insert(
        TechCoachCategory,
        categoryIds.map((categoryId) => ({ coachId, categoryId })),
      );
  }
}
