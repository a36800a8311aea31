import { Field, Float, Int, ObjectType } from '@nestjs/graphql';
import { Organization, SizeClass, Suppressible, Suppression } from '#core';
import { Need, NeedStatus } from '#needs';
import { TestProtocol } from '#testbed';
import { FrameworkAgreement, Procurement } from '#procurement';

@ObjectType()
export class NeedStatusCount {
  @Field(() => NeedStatus)
  status: NeedStatus;

  @Field(() => Int)
  count: number;
}

@ObjectType()
export class DecisionOutcomeCount {
  @Field()
  outcome: string;

  @Field(() => Int)
  count: number;
}

@ObjectType({
  implements: () => [Suppressible],
  description:
    "A municipality's follow-ups due, answered and overdue: facts about an organisation, shown to the steering group (never withheld; `suppressed` is always false).",
})
export class MunicipalityFollowUps implements Suppressible {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Int, { description: 'Open and waiting for an answer.' })
  due: number;

  @Field(() => Int)
  answered: number;

  @Field(() => Int)
  overdue: number;

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({
  implements: () => [Suppressible],
  description:
    'Uptake in a municipality. Implementations are facts about the organisation and always shown; people who accepted (and the rate derived from them) are withheld from other organisations when 1 to PRIVACY_MIN_PEOPLE − 1, or when they would reveal such a group by subtraction. Rates are null when the population is not known.',
})
export class MunicipalityEquity implements Suppressible {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Int, { nullable: true })
  population: number | null;

  @Field(() => SizeClass, { nullable: true })
  sizeClass: SizeClass | null;

  @Field(() => Int, { description: 'Implementations not discontinued.' })
  implementations: number;

  @Field(() => Int, { nullable: true, description: 'People who accepted the technology.' })
  peopleAccepted: number | null;

  @Field(() => Float, { nullable: true })
  implementationsPer10000: number | null;

  @Field(() => Float, { nullable: true })
  peopleAcceptedPer10000: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({ implements: () => [Suppressible] })
export class SizeClassEquity implements Suppressible {
  @Field(() => SizeClass)
  sizeClass: SizeClass;

  @Field(() => Int, { description: 'Municipalities in the class.' })
  municipalities: number;

  @Field(() => Int)
  population: number;

  @Field(() => Int)
  implementations: number;

  @Field(() => Int, { nullable: true })
  peopleAccepted: number | null;

  @Field(() => Float)
  implementationsPer10000: number;

  @Field(() => Float, { nullable: true })
  peopleAcceptedPer10000: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({
  implements: () => [Suppressible],
  description:
    'The municipalities whose people are withheld, counted together, and the county totals: the rows add up to the total. Null (suppressed) when even the sum would reveal a withheld municipality.',
})
export class EquityRest implements Suppressible {
  @Field(() => Int, { description: 'How many municipalities are counted into the rest.' })
  municipalities: number;

  @Field(() => Int, { nullable: true, description: 'People who accepted in those municipalities together.' })
  peopleAccepted: number | null;

  @Field(() => Int, { nullable: true, description: 'People who accepted in the whole county.' })
  peopleAcceptedInCounty: number | null;

  @Field(() => Int, { description: 'Implementations (not discontinued) in the whole county.' })
  implementationsInCounty: number;

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({ implements: () => [Suppressible], description: 'People who accepted, county-wide, by sex.' })
export class EquityBySex implements Suppressible {
  @Field(() => Int, { nullable: true })
  women: number | null;

  @Field(() => Int, { nullable: true })
  men: number | null;

  @Field(() => Int, { nullable: true })
  otherOrUnknown: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({ description: "The steering group's county overview, as of today." })
export class CountyOverview {
  @Field({ description: 'ISO date the figures are for.' })
  asOf: string;

  @Field(() => [NeedStatusCount], { description: 'Needs the caller may see, by status (merged ones left out).' })
  needsByStatus: NeedStatusCount[];

  @Field(() => [Need], { description: 'The most shared needs: most endorsing organisations, then most people.' })
  mostSharedNeeds: Need[];

  @Field(() => [TestProtocol], { description: 'Submitted and waiting for the steering group.' })
  protocolsAwaitingReview: TestProtocol[];

  @Field(() => Int, { description: 'Decisions this calendar year.' })
  decisionsThisYear: number;

  @Field(() => [DecisionOutcomeCount])
  decisionsThisYearByOutcome: DecisionOutcomeCount[];

  @Field(() => [Procurement])
  procurementsOpenForParticipation: Procurement[];

  @Field(() => [FrameworkAgreement], { description: 'Ending within six months from today.' })
  agreementsExpiringWithin6Months: FrameworkAgreement[];

  @Field(() => [MunicipalityFollowUps])
  followUpsByMunicipality: MunicipalityFollowUps[];

  @Field(() => [MunicipalityEquity])
  equityByMunicipality: MunicipalityEquity[];

  @Field(() => EquityRest)
  equityRest: EquityRest;

  @Field(() => [SizeClassEquity])
  equityBySizeClass: SizeClassEquity[];

  @Field(() => EquityBySex)
  equityBySex: EquityBySex;
}
