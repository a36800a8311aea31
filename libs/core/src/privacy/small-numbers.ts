import { Injectable } from '@nestjs/common';
import { Field, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';

export enum SuppressionReason {
  TOO_FEW_ORGANIZATIONS = 'TOO_FEW_ORGANIZATIONS',
  TOO_FEW_PEOPLE = 'TOO_FEW_PEOPLE',
  REVEALS_FEW_PEOPLE = 'REVEALS_FEW_PEOPLE',
}

registerEnumType(SuppressionReason, {
  name: 'SuppressionReason',
  description: 'Why figures are withheld: they would let a single organisation or a few people be identified.',
});

const MESSAGES: Record<SuppressionReason, { sv: string; en: string }> = {
  [SuppressionReason.TOO_FEW_ORGANIZATIONS]: {
    sv: 'Visas inte: färre än {minimum} organisationer ingår.',
    en: 'Not shown: fewer than {minimum} organisations are included.',
  },
  [SuppressionReason.TOO_FEW_PEOPLE]: {
    sv: 'Färre än {minimum} personer – visas inte för att ingen ska kunna pekas ut.',
    en: 'Fewer than {minimum} people – not shown so that no one can be identified.',
  },
  [SuppressionReason.REVEALS_FEW_PEOPLE]: {
    sv: 'Visas inte: talet skulle avslöja en grupp på färre än {minimum} personer.',
    en: 'Not shown: the figure would reveal a group of fewer than {minimum} people.',
  },
};

@ObjectType({ description: 'Figures withheld by the small-number rule (never shown as 0).' })
export class Suppression {
  @Field(() => SuppressionReason)
  reason: SuppressionReason;

  @Field(() => Int, { description: 'The minimum the group falls short of.' })
  minimum: number;

  @Field({ description: "In the request's language." })
  message: string;
}

/** Implemented by every GraphQL type that carries aggregate figures: `@ObjectType({ implements: () => [Suppressible] })`. */
@InterfaceType({ description: 'An aggregate that the small-number rule may withhold; its figures are then null.' })
export abstract class Suppressible {
  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

/** What an aggregate is made of: the organisations behind it and, when it counts people, how many. */
export interface AggregateBasis {
  organizationIds: Iterable<string>;
  people?: number;
}

/**
 * The one small-number rule for every aggregate (docs/DOMAIN.md: no group small enough to identify): figures over
 * fewer than PRIVACY_MIN_ORGANIZATIONS organisations, or counting fewer than PRIVACY_MIN_PEOPLE people, are
 * withheld from other organisations. Node staff, and an organisation looking only at its own figures, see them.
 * A count of zero people identifies nobody and is shown.
 */
@Injectable()
export class SmallNumbers {
  constructor(private readonly config: AppConfig) {}

  get minOrganizations(): number {
    return this.config.privacyMinOrganizations;
  }

  get minPeople(): number {
    return this.config.privacyMinPeople;
  }

  /** Null when the caller may see the aggregate; otherwise why not. */
  check(ctx: RequestContext, basis: AggregateBasis): Suppression | null {
    const organizations = new Set(basis.organizationIds);
    if (this.seesInFull(ctx, organizations)) return null;
    if (organizations.size < this.minOrganizations)
      return suppression(ctx, SuppressionReason.TOO_FEW_ORGANIZATIONS, this.minOrganizations);
    if (basis.people !== undefined && basis.people > 0 && basis.people < this.minPeople)
      return suppression(ctx, SuppressionReason.TOO_FEW_PEOPLE, this.minPeople);
    return null;
  }

  /**
   * A table of people counted per group (a municipality, a sex) whose total is shown too: groups of 1 to
   * PRIVACY_MIN_PEOPLE − 1 people are withheld from those who do not see them in full (0 identifies nobody), and
   * counted into a "the rest" figure. The rest alone would reveal a single withheld group, and the total would
   * reveal it by subtraction, so the smallest other groups the caller may not see in full join the rest until it
   * holds at least two groups and the minimum of people; when that cannot be reached, the rest and the total are
   * withheld too.
   */
  table(ctx: RequestContext, groups: readonly AggregateBasis[]): PeopleTable {
    const count = (g: AggregateBasis) => g.people ?? 0;
    const total = groups.reduce((sum, g) => sum + count(g), 0);
    const open = groups.map((g) => this.seesInFull(ctx, new Set(g.organizationIds)));
    const cells: (Suppression | null)[] = groups.map((g, i) =>
      !open[i] && count(g) > 0 && count(g) < this.minPeople
        ? suppression(ctx, SuppressionReason.TOO_FEW_PEOPLE, this.minPeople)
        : null,
    );
    const withheld = () => cells.flatMap((c, i) => (c ? [i] : []));
    const rest = () => withheld().reduce((sum, i) => sum + count(groups[i]), 0);
    while (withheld().length > 0 && (withheld().length < 2 || rest() < this.minPeople)) {
      const next = groups
        .map((g, i) => ({ i, people: count(g) }))
        .filter(({ i, people }) => !cells[i] && !open[i] && people > 0)
        .sort((a, b) => a.people - b.people)[0];
      if (!next) break;
      cells[next.i] = suppression(ctx, SuppressionReason.REVEALS_FEW_PEOPLE, this.minPeople);
    }
    const hidden = withheld();
    const safe = hidden.length === 0 || (hidden.length >= 2 && rest() >= this.minPeople);
    return {
      cells: groups.map((g, i) => ({ people: cells[i] ? null : count(g), suppression: cells[i]! })),
      rest: { groups: hidden.length, people: safe ? rest() : null },
      total: safe ? total : null,
      suppression: safe ? null : suppression(ctx, SuppressionReason.REVEALS_FEW_PEOPLE, this.minPeople),
    };
  }

  /**
   * Only the people minimum, for a count of people in figures about one organisation that are otherwise shown
   * (facts about the organisation): null when the caller may see the count.
   */
  fewPeople(ctx: RequestContext, organizationIds: Iterable<string>, people: number): Suppression | null {
    if (this.seesInFull(ctx, new Set(organizationIds)) || people === 0 || people >= this.minPeople) return null;
    return suppression(ctx, SuppressionReason.TOO_FEW_PEOPLE, this.minPeople);
  }

  /** Why a figure is withheld that would reveal a withheld group by subtraction. */
  revealing(ctx: RequestContext): Suppression {
    return suppression(ctx, SuppressionReason.REVEALS_FEW_PEOPLE, this.minPeople);
  }

  /** A count of people as the caller may see it: null when withheld. */
  people(ctx: RequestContext, organizationIds: Iterable<string>, count: number): number | null {
    return this.check(ctx, { organizationIds, people: count }) ? null : count;
  }

  /**
   * People counted in parts (by sex) with their total, for figures of one piece of work that its organisations
   * publish on purpose (a test's participants): only the people minimum applies, and every organisation taking
   * part in the work (as well as node staff) sees the figures in full. When any part is withheld,
   * every part is (it could be worked out from the total and the others); the total is shown unless it is small
   * itself.
   */
  breakdown<P extends Record<string, number>>(
    ctx: RequestContext,
    organizationIds: Iterable<string>,
    parts: P,
  ):
    | { parts: { [K in keyof P]: number | null }; total: number; suppression: null }
    | { parts: { [K in keyof P]: null }; total: number | null; suppression: Suppression } {
    const total = Object.values(parts).reduce((sum, n) => sum + n, 0);
    const small = (n: number) => n > 0 && n < this.minPeople;
    const takesPart = ctx.isNodeStaff || [...organizationIds].some((id) => ctx.belongsTo(id));
    if (takesPart || !Object.values(parts).concat(total).some(small)) return { parts, total, suppression: null };
    const hidden = Object.fromEntries(Object.keys(parts).map((key) => [key, null])) as { [K in keyof P]: null };
    return {
      parts: hidden,
      total: small(total) ? null : total,
      suppression: suppression(ctx, SuppressionReason.TOO_FEW_PEOPLE, this.minPeople),
    };
  }

  /**
   * Applies the rule to a whole aggregate: `{ suppressed, suppression, ...figures }`, with every figure null when
   * withheld. The shape to return from any GraphQL type that implements `Suppressible`.
   */
  guard<F extends object>(ctx: RequestContext, basis: AggregateBasis, figures: F): Suppressed<F> {
    const withheld = this.check(ctx, basis);
    if (!withheld) return { suppressed: false, suppression: null, ...figures };
    const hidden = Object.fromEntries(Object.keys(figures).map((key) => [key, null]));
    return { suppressed: true, suppression: withheld, ...hidden } as Suppressed<F>;
  }

  private seesInFull(ctx: RequestContext, organizations: Set<string>): boolean {
    if (ctx.isNodeStaff) return true;
    return organizations.size > 0 && [...organizations].every((id) => ctx.belongsTo(id));
  }
}

export interface PeopleTable {
  /** Each group's count as the caller may see it, in the order given. */
  cells: { people: number | null; suppression: Suppression | null }[];
  /** The withheld groups together: null when even that would reveal one of them. */
  rest: { groups: number; people: number | null };
  total: number | null;
  /** Why the rest and the total are withheld, when they are. */
  suppression: Suppression | null;
}

export type Suppressed<F> = { suppressed: boolean; suppression: Suppression | null } & { [K in keyof F]: F[K] | null };

function suppression(ctx: RequestContext, reason: SuppressionReason, minimum: number): Suppression {
  const template = MESSAGES[reason][ctx.lang === 'en' ? 'en' : 'sv'];
  return Object.assign(new Suppression(), { reason, minimum, message: template.replace('{minimum}', String(minimum)) });
}
