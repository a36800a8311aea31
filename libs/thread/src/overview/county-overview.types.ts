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
    "A municipality's follow-ups: its own figures, withheld from other organisations by the small-number rule.",
})
export class MunicipalityFollowUps implements Suppressible {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Int, { nullable: true, description: 'Open and waiting for an answer.' })
  due: number | null;

  @Field(() => Int, { nullable: true })
  answered: number | null;

  @Field(() => Int, { nullable: true })
  overdue: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => Suppression, { nullable: true })
  suppression: Suppression | null;
}

@ObjectType({ implements: () => [Suppressible] })
export class MunicipalityEquity implements Suppressible {
  @Field(() => Organization)
  organization: Organization;

  @Field(() => Int, { nullable: true })
  population: number | null;

  @Field(() => SizeClass, { nullable: true })
  sizeClass: SizeClass | null;

  @Field(() => Int, { nullable: true, description: 'Implementations not discontinued.' })
  implementations: number | null;

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

  @Field(() => Int, { nullable: true })
  implementations: number | null;

  @Field(() => Int, { nullable: true })
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

  @Field(() => [SizeClassEquity])
  equityBySizeClass: SizeClassEquity[];

  @Field(() => EquityBySex)
  equityBySex: EquityBySex;
}
