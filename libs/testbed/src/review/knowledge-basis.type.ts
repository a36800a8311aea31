import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DocumentLink } from '../protocol/test-protocol.entity.js';
import { ObservationKind } from '../testbed.enums.js';
import { SnapshotParticipants, SnapshotResult } from './protocol-snapshot.type.js';

/**
 * What a decision rests on, as stored in `test_decisions.knowledge_basis` (jsonb, frozen when the decision is
 * made). Decisions made before a key existed lack it; `toKnowledgeBasis` gives those an empty value.
 */
export interface StoredKnowledgeBasis {
  versionId: string;
  versionNumber: number;
  contentHash: string;
  /** ISO 8601. */
  submittedAt: string;
  results?: SnapshotResult[];
  participants?: SnapshotParticipants[];
  observationSummary?: Partial<Record<ObservationKind, number>>;
  lessons?: string[];
  deviationCount?: number;
  technicalFaultCount?: number;
  documents?: DocumentLink[];
  needIds?: string[];
  votes?: number;
}

@ObjectType('TestDecisionObservationCount', { description: 'How many observations of one kind the version had.' })
export class ObservationCount {
  @Field(() => ObservationKind)
  kind: ObservationKind;

  @Field(() => Int)
  count: number;
}

@ObjectType('TestDecisionKnowledgeBasis', {
  description: 'What the decision rests on, frozen when it was made: the version, its hash, results, observations.',
})
export class KnowledgeBasis {
  @Field(() => ID)
  versionId: string;

  @Field(() => Int)
  versionNumber: number;

  @Field({ description: 'The content hash of the version the decision judged.' })
  contentHash: string;

  @Field()
  submittedAt: Date;

  @Field(() => [SnapshotResult])
  results: SnapshotResult[];

  @Field(() => [SnapshotParticipants])
  participants: SnapshotParticipants[];

  @Field(() => [ObservationCount], { description: 'One count per observation kind, in the kinds’ order.' })
  observationCounts: ObservationCount[];

  @Field(() => [String], { description: 'The lessons learnt, as written.' })
  lessons: string[];

  @Field(() => Int)
  deviationCount: number;

  @Field(() => Int)
  technicalFaultCount: number;

  @Field(() => [DocumentLink])
  documents: DocumentLink[];

  @Field(() => [ID])
  needIds: string[];

  @Field(() => Int, { description: 'The votes cast on the version when the quorum was reached.' })
  votes: number;
}

/** The stored JSON as the schema's type; keys an older decision lacks read as empty. */
export function toKnowledgeBasis(stored: StoredKnowledgeBasis): KnowledgeBasis {
  return {
    versionId: stored.versionId,
    versionNumber: stored.versionNumber,
    contentHash: stored.contentHash,
    submittedAt: new Date(stored.submittedAt),
    results: stored.results ?? [],
    participants: stored.participants ?? [],
    observationCounts: Object.values(ObservationKind).map((kind) => ({
      kind,
      count: stored.observationSummary?.[kind] ?? 0,
    })),
    lessons: stored.lessons ?? [],
    deviationCount: stored.deviationCount ?? 0,
    technicalFaultCount: stored.technicalFaultCount ?? 0,
    documents: stored.documents ?? [],
    needIds: stored.needIds ?? [],
    votes: stored.votes ?? 0,
  };
}
