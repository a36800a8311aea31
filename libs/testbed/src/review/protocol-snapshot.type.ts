import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CareSetting } from '#catalog';
import { DocumentLink } from '../protocol/test-protocol.entity.js';
import { ConsentApproach, ObservationKind, ParticipantGroup } from '../testbed.enums.js';

/**
 * The frozen content of a protocol version, one type for the database's jsonb, the service and the schema (the
 * web app gets it from the schema). Versions frozen before a field existed lack it: such fields are nullable.
 */
@ObjectType('TestSnapshotCriterion')
export class SnapshotCriterion {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Float)
  targetValue: number;

  @Field()
  unit: string;

  @Field(() => String, { nullable: true })
  description: string | null;
}

@ObjectType('TestSnapshotPlan')
export class SnapshotPlan {
  @Field()
  title: string;

  @Field(() => ID)
  categoryId: string;

  @Field(() => String, { nullable: true })
  categoryKey: string | null;

  @Field(() => ID, { nullable: true })
  productId: string | null;

  @Field(() => [ID])
  needIds: string[];

  @Field(() => ID)
  leadOrganizationId: string;

  @Field(() => [ID])
  participatingOrganizationIds: string[];

  @Field(() => [CareSetting])
  settings: CareSetting[];

  @Field()
  purpose: string;

  @Field(() => String, { nullable: true })
  expectedBenefit: string | null;

  @Field(() => String, { nullable: true })
  baseline: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  plannedStart: string | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD' })
  plannedEnd: string | null;

  @Field()
  broadRolloutIntended: boolean;

  @Field(() => ConsentApproach)
  consentApproach: ConsentApproach;

  @Field(() => String, { nullable: true })
  consentDescription: string | null;

  @Field(() => String, { nullable: true })
  informationSecurity: string | null;

  @Field(() => String, { nullable: true })
  workEnvironment: string | null;

  @Field(() => String, { nullable: true })
  involvement: string | null;

  @Field(() => String, { nullable: true })
  risks: string | null;

  @Field(() => [DocumentLink])
  documents: DocumentLink[];

  @Field(() => [SnapshotCriterion])
  successCriteria: SnapshotCriterion[];
}

@ObjectType('TestSnapshotParticipants')
export class SnapshotParticipants {
  @Field(() => ParticipantGroup)
  group: ParticipantGroup;

  @Field(() => Int)
  women: number;

  @Field(() => Int)
  men: number;

  @Field(() => Int)
  otherOrUnknown: number;
}

/** What an observation, a deviation and a technical fault record alike: what happened, when, and who wrote it. */
@ObjectType({ isAbstract: true })
abstract class SnapshotEntry {
  @Field(() => ID)
  id: string;

  @Field()
  description: string;

  @Field({ description: 'YYYY-MM-DD' })
  occurredOn: string;

  @Field(() => ID)
  authorOrganizationId: string;

  @Field(() => ID)
  authorUserId: string;
}

@ObjectType('TestSnapshotObservation')
export class SnapshotObservation extends SnapshotEntry {
  @Field(() => ObservationKind)
  kind: ObservationKind;
}

@ObjectType('TestSnapshotDeviation')
export class SnapshotDeviation extends SnapshotEntry {
  @Field(() => String, { nullable: true })
  actionTaken: string | null;
}

@ObjectType('TestSnapshotTechnicalFault')
export class SnapshotTechnicalFault extends SnapshotEntry {
  @Field(() => String, { nullable: true })
  affectedComponent: string | null;

  @Field()
  resolved: boolean;
}

@ObjectType('TestSnapshotResult')
export class SnapshotResult {
  @Field(() => ID)
  criterionId: string;

  @Field()
  criterion: string;

  @Field(() => Float)
  targetValue: number;

  @Field()
  unit: string;

  @Field(() => Float)
  measuredValue: number;

  @Field()
  met: boolean;

  @Field(() => String, { nullable: true })
  comment: string | null;
}

export enum EvidenceGapKind {
  CRITERIA_WITHOUT_RESULT = 'CRITERIA_WITHOUT_RESULT',
  NO_PARTICIPANTS = 'NO_PARTICIPANTS',
  NO_OBSERVATIONS = 'NO_OBSERVATIONS',
  PERIOD_NOT_OVER = 'PERIOD_NOT_OVER',
}
registerEnumType(EvidenceGapKind, {
  name: 'TestEvidenceGapKind',
  description: 'What the knowledge basis of a protocol lacks when it is handed in.',
  valuesMap: {
    CRITERIA_WITHOUT_RESULT: { description: 'Framgångskriterier utan resultat (`criteria` names them).' },
    NO_PARTICIPANTS: { description: 'Inga deltagare registrerade.' },
    NO_OBSERVATIONS: { description: 'Inga iakttagelser (hinder, möjligheter, lärdomar).' },
    PERIOD_NOT_OVER: { description: 'Testperioden är inte slut (`plannedEnd` says when it ends).' },
  },
});

@ObjectType('TestEvidenceGap', { description: 'One thing the knowledge basis lacks; the words live in the client.' })
export class EvidenceGap {
  @Field(() => EvidenceGapKind)
  kind: EvidenceGapKind;

  @Field(() => [String], { nullable: true, description: 'CRITERIA_WITHOUT_RESULT: the criteria, by name.' })
  criteria: string[] | null;

  @Field(() => String, { nullable: true, description: 'PERIOD_NOT_OVER: the planned end, YYYY-MM-DD.' })
  plannedEnd: string | null;
}

@ObjectType('TestHandIn', { description: 'What was missing when the version was handed in, and why it was anyway.' })
export class SnapshotHandIn {
  @Field(() => [EvidenceGap])
  gaps: EvidenceGap[];

  @Field(() => String, { nullable: true, description: 'Required when there are gaps.' })
  reason: string | null;
}

@ObjectType('TestProtocolSnapshot', {
  description: 'The whole protocol as handed in: plan, participants, observations, deviations, faults, results.',
})
export class ProtocolSnapshot {
  @Field(() => ID)
  protocolId: string;

  @Field(() => SnapshotPlan)
  plan: SnapshotPlan;

  @Field(() => [SnapshotParticipants])
  participants: SnapshotParticipants[];

  @Field(() => [SnapshotObservation])
  observations: SnapshotObservation[];

  @Field(() => [SnapshotDeviation])
  deviations: SnapshotDeviation[];

  @Field(() => [SnapshotTechnicalFault])
  technicalFaults: SnapshotTechnicalFault[];

  @Field(() => [SnapshotResult])
  results: SnapshotResult[];

  @Field(() => SnapshotHandIn, {
    nullable: true,
    description: 'Absent on versions handed in before gaps were recorded: `TestProtocolVersion.evidenceGaps` has them.',
  })
  handIn?: SnapshotHandIn | null;
}

/**
 * What the knowledge basis lacks: the one rule, applied when a protocol is handed in (to ask for a reason) and
 * whenever a version is shown (versions frozen before the rule existed get their gaps computed from the snapshot).
 */
export function evidenceGapsOf(snapshot: Omit<ProtocolSnapshot, 'handIn'>, today: string): EvidenceGap[] {
  const gaps: EvidenceGap[] = [];
  // Every field present (null when unused): the frozen JSON and the schema's answer then hash the same.
  const gap = (kind: EvidenceGapKind, more: Partial<EvidenceGap> = {}): EvidenceGap => ({
    kind,
    criteria: null,
    plannedEnd: null,
    ...more,
  });
  const measured = new Set(snapshot.results.map((r) => r.criterionId));
  const unmeasured = snapshot.plan.successCriteria.filter((c) => !measured.has(c.id));
  if (unmeasured.length)
    gaps.push(gap(EvidenceGapKind.CRITERIA_WITHOUT_RESULT, { criteria: unmeasured.map((c) => c.name) }));
  const people = snapshot.participants.reduce((sum, p) => sum + p.women + p.men + p.otherOrUnknown, 0);
  if (people === 0) gaps.push(gap(EvidenceGapKind.NO_PARTICIPANTS));
  if (snapshot.observations.length === 0) gaps.push(gap(EvidenceGapKind.NO_OBSERVATIONS));
  const end = snapshot.plan.plannedEnd;
  if (end && end > today) gaps.push(gap(EvidenceGapKind.PERIOD_NOT_OVER, { plannedEnd: end }));
  return gaps;
}
