import type { EntityManager } from 'typeorm';
import type { IndicatorType } from '../indicators/indicator-set.entity.js';
import type { IndicatorValue } from '../follow-up/follow-up.entity.js';

/** Which follow-ups the results count: a product, a category and a wave, each when given. */
export interface ResultsFilter {
  productId: string | null;
  categoryId: string | null;
  wave: number | null;
}

/** Follow-ups per product and wave: due by today, answered, overdue, and the organisations they belong to. */
export interface CountRow {
  productId: string;
  productName: string;
  categoryId: string;
  categoryKey: string;
  wave: number;
  due: number;
  answered: number;
  overdue: number;
  organizationIds: string[];
}

/** The latest answer (version) of an answered follow-up. */
export interface AnswerRow {
  productId: string;
  categoryId: string;
  wave: number;
  values: Record<string, IndicatorValue>;
  indicatorSetId: string;
}

export interface IndicatorRow {
  indicatorSetId: string;
  key: string;
  labelSv: string;
  type: IndicatorType;
  unit: string | null;
  sortOrder: number;
}

const WHERE = `($1::uuid IS NULL OR i.product_id = $1) AND ($2::uuid IS NULL OR p.category_id = $2) AND ($3::int IS NULL OR f.wave = $3)`;
const values = (filter: ResultsFilter) => [filter.productId, filter.categoryId, filter.wave];

export function resultCounts(manager: EntityManager, filter: ResultsFilter, today: string): Promise<CountRow[]> {
  return manager.query<CountRow[]>(
    `SELECT i.product_id AS "productId", p.name AS "productName", p.category_id AS "categoryId", c.key AS "categoryKey", f.wave,
            count(*) FILTER (WHERE f.status <> 'CANCELLED' AND f.due_on <= $4::date)::int AS due,
            count(*) FILTER (WHERE f.status = 'ANSWERED')::int AS answered,
            count(*) FILTER (WHERE f.status = 'OVERDUE')::int AS overdue,
            array_agg(DISTINCT f.organization_id) AS "organizationIds"
       FROM follow_ups f
       JOIN implementations i ON i.id = f.implementation_id
       JOIN products p ON p.id = i.product_id
       JOIN technology_categories c ON c.id = p.category_id
      WHERE ${WHERE}
      GROUP BY i.product_id, p.name, p.category_id, c.key, f.wave
      ORDER BY c.key, p.name, f.wave`,
    [...values(filter), today],
  );
}

export function latestAnswers(manager: EntityManager, filter: ResultsFilter): Promise<AnswerRow[]> {
  return manager.query<AnswerRow[]>(
    `SELECT DISTINCT ON (a.follow_up_id) i.product_id AS "productId", p.category_id AS "categoryId", f.wave, a.values,
            a.indicator_set_id AS "indicatorSetId"
       FROM follow_up_answers a
       JOIN follow_ups f ON f.id = a.follow_up_id
       JOIN implementations i ON i.id = f.implementation_id
       JOIN products p ON p.id = i.product_id
      WHERE ${WHERE}
      ORDER BY a.follow_up_id, a.version DESC`,
    values(filter),
  );
}

export function indicatorsOfSets(manager: EntityManager, setIds: string[]): Promise<IndicatorRow[]> {
  return manager.query<IndicatorRow[]>(
    `SELECT indicator_set_id AS "indicatorSetId", key, label_sv AS "labelSv", type, unit, sort_order AS "sortOrder"
       FROM indicators WHERE indicator_set_id = ANY($1::uuid[])`,
    [setIds],
  );
}
