import { Injectable } from '@nestjs/common';
import { Field, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { AppConfig } from '../config/app-config.js';
import type { RequestContext } from '../context/request-context.js';

export enum SuppressionReason {
  TOO_FEW_ORGANIZATIONS = 'TOO_FEW_ORGANIZATIONS',
  TOO_FEW_PEOPLE = 'TOO_FEW_PEOPLE',
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
    sv: 'Visas inte: färre än {minimum} personer.',
    en: 'Not shown: fewer than {minimum} people.',
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

export type Suppressed<F> = { suppressed: boolean; suppression: Suppression | null } & { [K in keyof F]: F[K] | null };

function suppression(ctx: RequestContext, reason: SuppressionReason, minimum: number): Suppression {
  const template = MESSAGES[reason][ctx.lang === 'en' ? 'en' : 'sv'];
  return Object.assign(new Suppression(), { reason, minimum, message: template.replace('{minimum}', String(minimum)) });
}
