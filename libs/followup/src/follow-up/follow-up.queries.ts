import type { DataSource, EntityManager } from 'typeorm';
import { type ListSpec, type RequestContext, type SortKey, type SqlFragment, sql, Visibility } from '#core';
import { FollowUp } from './follow-up.entity.js';
import type { FollowUpsArgs } from './dto/follow-ups.args.js';
import { Implementation } from '../implementation/implementation.entity.js';
import { FollowUpPolicy } from '../followup.policy.js';

/**
 * The follow-ups page's planned path (see plannedPage): a follow-up with its implementation's own columns (the
 * implementation is the follow-up's organisation's, so the follow-up's visibility covers it).
 */
export const FOLLOW_UP_LIST: ListSpec = {
  entity: FollowUp,
  alias: 'f',
  relations: {
    implementation: {
      entity: Implementation,
      alias: 'paged_implementation',
      on: 'paged_implementation.id = f.implementation_id',
    },
  },
};

export const FOLLOW_UPS_BY_DUE_DATE: SortKey<FollowUp>[] = [
  { expression: 'f.due_on', direction: 'ASC', value: (f) => f.dueOn },
  { expression: 'f.id', direction: 'ASC', value: (f) => f.id },
];

/** The follow-ups page's conditions on alias `f`: the policy first, then the filters; every value a parameter. */
export function followUpListWhere(ctx: RequestContext, args: FollowUpsArgs): SqlFragment[] {
  const where: SqlFragment[] = [];
  const visible = Visibility.condition(ctx, FollowUpPolicy.visibility('f'));
  if (visible) where.push(visible);
  if (args.status) where.push(sql`f.status = ${args.status}`);
  if (args.statuses?.length) where.push(sql`f.status = ANY(${args.statuses})`);
  if (args.organizationId) where.push(sql`f.organization_id = ${args.organizationId}`);
  if (args.implementationId) where.push(sql`f.implementation_id = ${args.implementationId}`);
  if (args.dueBefore) where.push(sql`f.due_on <= ${args.dueBefore}`);
  if (args.wave) where.push(sql`f.wave = ${args.wave}`);
  return where;
}

/** The version a new answer to the follow-up gets. */
export async function nextAnswerVersion(tx: EntityManager, followUpId: string): Promise<number> {
  const [{ next }] = await tx.query<{ next: number }[]>(
    `SELECT coalesce(max(version), 0)::int + 1 AS next FROM follow_up_answers WHERE follow_up_id = $1`,
    [followUpId],
  );
  return Number(next);
}

/** What a workflow step tells about each follow-up: who answers it, and its product. */
export interface FollowUpStepDetail {
  id: string;
  responsibleUserId: string;
  productId: string;
  productName: string;
  categoryId: string;
}

export function followUpStepDetails(tx: EntityManager, followUpIds: string[]): Promise<FollowUpStepDetail[]> {
  return tx.query<FollowUpStepDetail[]>(
    `SELECT f.id, i.responsible_user_id AS "responsibleUserId", p.id AS "productId", p.name AS "productName",
            p.category_id AS "categoryId"
       FROM follow_ups f JOIN implementations i ON i.id = f.implementation_id JOIN products p ON p.id = i.product_id
      WHERE f.id = ANY($1::uuid[])`,
    [followUpIds],
  );
}

/** Writes a workflow step's changes to many follow-ups in one statement. */
export async function updateFollowUpSteps(tx: EntityManager, now: Date, changed: readonly FollowUp[]): Promise<void> {
  await tx.query(
    `UPDATE follow_ups f SET status = u.status, opened_at = u.opened_at, reminded_at = u.reminded_at, escalated_at = u.escalated_at,
            indicator_set_id = u.indicator_set_id, updated_at = $1
       FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::timestamptz[], $7::uuid[])
         AS u(id, status, opened_at, reminded_at, escalated_at, indicator_set_id)
      WHERE f.id = u.id`,
    [
      now,
      changed.map((f) => f.id),
      changed.map((f) => f.status),
      changed.map((f) => f.openedAt),
      changed.map((f) => f.remindedAt),
      changed.map((f) => f.escalatedAt),
      changed.map((f) => f.indicatorSetId),
    ],
  );
}

export interface FollowUpStateCounts {
  open: number;
  overdue: number;
  scheduledPastDue: number;
}

/** Follow-ups awaiting an answer, and those due by `today` that the worker has not opened. */
export async function followUpStateCounts(dataSource: DataSource, today: string): Promise<FollowUpStateCounts> {
  const [row] = await dataSource.query<FollowUpStateCounts[]>(
    `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open,
            count(*) FILTER (WHERE status = 'OVERDUE')::int AS overdue,
            count(*) FILTER (WHERE status = 'SCHEDULED' AND due_on <= $1::date)::int AS "scheduledPastDue"
       FROM follow_ups WHERE status IN ('SCHEDULED', 'OPEN', 'OVERDUE')`,
    [today],
  );
  return row;
}
