import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';

export enum ThreadEntityType {
  NEED = 'NEED',
  TEST_PROTOCOL = 'TEST_PROTOCOL',
  TEST_DECISION = 'TEST_DECISION',
  PROCUREMENT = 'PROCUREMENT',
  FRAMEWORK_AGREEMENT = 'FRAMEWORK_AGREEMENT',
  CALL_OFF = 'CALL_OFF',
  IMPLEMENTATION = 'IMPLEMENTATION',
}
registerEnumType(ThreadEntityType, {
  name: 'ThreadEntityType',
  description: 'A step of the thread need → test → decision → procurement → call-off → implementation.',
});

/** Each edge points the way the thread runs. */
export enum TraceEdgeKind {
  NEED_TESTED = 'NEED_TESTED',
  TEST_DECIDED = 'TEST_DECIDED',
  DECISION_PROCURED = 'DECISION_PROCURED',
  NEED_PROCURED = 'NEED_PROCURED',
  PROCUREMENT_AWARDED = 'PROCUREMENT_AWARDED',
  AGREEMENT_CALLED_OFF = 'AGREEMENT_CALLED_OFF',
  CALL_OFF_IMPLEMENTED = 'CALL_OFF_IMPLEMENTED',
  NEED_IMPLEMENTED = 'NEED_IMPLEMENTED',
}
registerEnumType(TraceEdgeKind, {
  name: 'TraceEdgeKind',
  valuesMap: {
    NEED_TESTED: { description: 'Behovet testas i testprotokollet.' },
    TEST_DECIDED: { description: 'Styrgruppens beslut om testet.' },
    DECISION_PROCURED: { description: 'Upphandlingen vilar på beslutet.' },
    NEED_PROCURED: { description: 'Upphandlingen svarar på behovet.' },
    PROCUREMENT_AWARDED: { description: 'Ramavtalet i upphandlingen.' },
    AGREEMENT_CALLED_OFF: { description: 'Avrop på ramavtalet.' },
    CALL_OFF_IMPLEMENTED: { description: 'Införandet bygger på avropet.' },
    NEED_IMPLEMENTED: { description: 'Införandet svarar på behovet.' },
  },
});

@ArgsType()
export class TraceArgs {
  @Field(() => ThreadEntityType)
  @IsEnum(ThreadEntityType)
  entityType: ThreadEntityType;

  @Field(() => ID)
  @IsUUID()
  id: string;
}

@ObjectType()
export class TraceOrganization {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'SCB code for municipalities and the region.' })
  code: string | null;
}

@ObjectType({ description: 'A 12- or 24-month follow-up of an implementation and what it said.' })
export class TraceFollowUp {
  @Field(() => Int)
  wave: number;

  @Field({ description: 'ISO date.' })
  dueOn: string;

  @Field({ description: 'SCHEDULED, OPEN, OVERDUE, ANSWERED or CANCELLED.' })
  status: string;

  @Field(() => Date, { nullable: true })
  answeredAt: Date | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'The answer: is the product still in use? Null until answered.',
  })
  continuedUse: boolean | null;
}

@ObjectType()
export class TraceNode {
  @Field(() => ThreadEntityType)
  entityType: ThreadEntityType;

  @Field(() => ID)
  id: string;

  @Field()
  title: string;

  @Field({
    description:
      "The step's own status (need status, test status, decision outcome, procurement status, implementation status).",
  })
  status: string;

  @Field(() => String, {
    nullable: true,
    description:
      'ISO date the step began: reported, test start, decided, created, agreement start, called off, go-live.',
  })
  startedOn: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO date the step ends, where it has one: test end, participation closes, agreement end.',
  })
  endsOn: string | null;

  @Field(() => [TraceOrganization], {
    description: 'The organisations involved: owner first, then participants or endorsers.',
  })
  organizations: TraceOrganization[];

  @Field(() => [TraceFollowUp], {
    description: 'Implementations only: the 12- and 24-month follow-ups and their outcome.',
  })
  followUps: TraceFollowUp[];
}

@ObjectType()
export class TraceEdge {
  @Field(() => ID)
  from: string;

  @Field(() => ID)
  to: string;

  @Field(() => TraceEdgeKind)
  kind: TraceEdgeKind;
}

@ObjectType({ description: 'The whole connected thread around one step, as far as the caller may see it.' })
export class Trace {
  @Field(() => [TraceNode], { description: 'In thread order (need first), then by date.' })
  nodes: TraceNode[];

  @Field(() => [TraceEdge])
  edges: TraceEdge[];

  @Field(() => [TraceOrganization], {
    description: 'Every municipality (and the region) involved anywhere in the visible thread.',
  })
  municipalities: TraceOrganization[];
}
