import { Injectable } from '@nestjs/common';
import { Clock, Db, type RequestContext, SmallNumbers } from '#core';
import { TechnologyCategoryService } from '#catalog';
import { IndicatorType } from '../indicators/indicator-set.entity.js';
import {
  type FollowUpResultGroup,
  type FollowUpResults,
  type FollowUpResultsArgs,
  type IndicatorAggregate,
} from './follow-up-results.types.js';
import {
  type AnswerRow,
  type CountRow,
  indicatorsOfSets,
  type IndicatorRow,
  latestAnswers,
  resultCounts,
} from './follow-up-results.queries.js';

/**
 * County-wide results: every member sees the aggregates of everyone (S4:301 "so that everyone can take part"),
 * never another organisation's rows; raw answers stay with the own organisation (`followUps`).
 */
@Injectable()
export class FollowUpResultsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly categories: TechnologyCategoryService,
    private readonly smallNumbers: SmallNumbers,
  ) {}

  async results(ctx: RequestContext, args: FollowUpResultsArgs): Promise<FollowUpResults> {
    const categoryId = args.category ? (await this.categories.resolve(ctx, args.category, 'category')).id : null;
    const filter = { productId: args.productId ?? null, categoryId, wave: args.wave ?? null };
    const counts = await resultCounts(this.db.manager, filter, this.clock.today());
    const answers = await latestAnswers(this.db.manager, filter);
    const setIds = [...new Set(answers.map((a) => a.indicatorSetId))];
    const indicators = setIds.length ? await indicatorsOfSets(this.db.manager, setIds) : [];

    const group = (
      first: CountRow,
      productId: string | null,
      productName: string | null,
      rows: CountRow[],
      groupAnswers: AnswerRow[],
    ) => this.group(ctx, first, productId, productName, rows, groupAnswers, indicators);
    const byProduct = counts.map((row) =>
      group(
        row,
        row.productId,
        row.productName,
        [row],
        answers.filter((a) => a.productId === row.productId && a.wave === row.wave),
      ),
    );
    const categoryKeys = new Map<string, CountRow[]>();
    for (const row of counts) {
      const key = `${row.categoryId}|${row.wave}`;
      categoryKeys.set(key, [...(categoryKeys.get(key) ?? []), row]);
    }
    const byCategory = [...categoryKeys.values()].map((rows) =>
      group(
        rows[0],
        null,
        null,
        rows,
        answers.filter((a) => a.categoryId === rows[0].categoryId && a.wave === rows[0].wave),
      ),
    );
    return { byProduct, byCategory };
  }

  /** The small-number rule (PRIVACY_MIN_*) applies to the whole group, then to each count of people in it. */
  private group(
    ctx: RequestContext,
    first: CountRow,
    productId: string | null,
    productName: string | null,
    rows: CountRow[],
    answers: AnswerRow[],
    indicators: IndicatorRow[],
  ): FollowUpResultGroup {
    const due = rows.reduce((s, r) => s + Number(r.due), 0);
    const answered = rows.reduce((s, r) => s + Number(r.answered), 0);
    const organizationIds = new Set(rows.flatMap((r) => r.organizationIds));
    const figures = this.smallNumbers.guard(
      ctx,
      { organizationIds },
      {
        due,
        answered,
        overdue: rows.reduce((s, r) => s + Number(r.overdue), 0),
        organizations: organizationIds.size,
        responseRate: due > 0 ? Math.min(1, answered / due) : null,
        indicators: aggregate(answers, indicators).map((indicator) => {
          if (!indicator.countsPeople || indicator.sum === null) return indicator;
          const suppression = this.smallNumbers.check(ctx, { organizationIds, people: indicator.sum });
          return suppression ? { ...indicator, sum: null, mean: null, suppression } : indicator;
        }),
      },
    );
    return {
      productId,
      productName,
      categoryId: first.categoryId,
      categoryKey: first.categoryKey,
      wave: Number(first.wave),
      ...figures,
    };
  }
}

/** Indicators are matched by key across set versions; the first definition seen (by sort order) labels them. */
function aggregate(answers: AnswerRow[], indicators: IndicatorRow[]): IndicatorAggregate[] {
  const sets = new Set(answers.map((a) => a.indicatorSetId));
  const definitions = new Map<string, IndicatorRow>();
  for (const indicator of [...indicators].sort((a, b) => a.sortOrder - b.sortOrder)) {
    if (sets.has(indicator.indicatorSetId) && !definitions.has(indicator.key))
      definitions.set(indicator.key, indicator);
  }
  return [...definitions.values()].map((definition) => {
    const values = answers.map((a) => a.values[definition.key]).filter((v) => v !== undefined && v !== null);
    const numeric =
      definition.type === IndicatorType.COUNT ||
      definition.type === IndicatorType.PERCENT ||
      definition.type === IndicatorType.SCALE_1_5;
    const numbers = numeric ? values.filter((v): v is number => typeof v === 'number') : [];
    const sum = numbers.reduce((s, n) => s + n, 0);
    const distribution = new Map<string, number>();
    if (definition.type === IndicatorType.SCALE_1_5 || definition.type === IndicatorType.YES_NO) {
      const domain = definition.type === IndicatorType.SCALE_1_5 ? ['1', '2', '3', '4', '5'] : ['true', 'false'];
      for (const value of domain) distribution.set(value, 0);
      for (const value of values) distribution.set(String(value), (distribution.get(String(value)) ?? 0) + 1);
    }
    return {
      key: definition.key,
      labelSv: definition.labelSv,
      type: definition.type,
      unit: definition.unit,
      responses: values.length,
      countsPeople: countsPeople(definition),
      suppression: null,
      sum: numeric && numbers.length ? sum : null,
      mean:
        numeric && numbers.length
          ? sum / numbers.length
          : definition.type === IndicatorType.YES_NO && values.length
            ? values.filter((v) => v === true).length / values.length
            : null,
      distribution: [...distribution.entries()].map(([value, count]) => ({ value, count })),
    };
  });
}

/** A COUNT indicator measured in people (the default set's active users by sex): the small-number rule applies. */
function countsPeople(indicator: Pick<IndicatorRow, 'type' | 'unit'>): boolean {
  return indicator.type === IndicatorType.COUNT && PEOPLE_UNITS.has((indicator.unit ?? '').trim().toLowerCase());
}

const PEOPLE_UNITS = new Set(['personer', 'person', 'people', 'persons', 'brukare']);
