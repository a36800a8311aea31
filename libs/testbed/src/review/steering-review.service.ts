import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import {
  AuditService,
  calendarDate,
  Clock,
  CoreError,
  type ConnectionResult,
  Db,
  Organization,
  type PageArgs,
  paginate,
  type RequestContext,
  Role,
  TextLimits,
  UserService,
} from '#core';
import { word } from '#words';
import { NotificationService } from '#notifications';
import { NeedFollowService } from '#needs';
import { TechnologyCategoryService } from '#catalog';
import { TestProtocolVersion } from './test-protocol-version.entity.js';
import { SteeringVote } from './steering-vote.entity.js';
import { TestDecision, type VoteCount } from './test-decision.entity.js';
import { SteeringSettings } from './steering-settings.entity.js';
import { contentHash } from './protocol-snapshot.js';
import { type EvidenceGap, evidenceGapsOf, type ProtocolSnapshot } from './protocol-snapshot.type.js';
import type { CastSteeringVoteInput, ConfigureSteeringQuorumInput, DecisionsArgs } from './dto/review.input.js';
import { TestProtocol } from '../protocol/test-protocol.entity.js';
import { TestProtocolNeed } from '../protocol/test-protocol-link.entity.js';
import { SuccessCriterion } from '../protocol/success-criterion.entity.js';
import { TestProtocolService } from '../protocol/test-protocol.service.js';
import { ParticipantCount } from '../activity/participant-count.entity.js';
import { TestObservation } from '../activity/test-observation.entity.js';
import { TestDeviation } from '../activity/test-deviation.entity.js';
import { TechnicalFaultReport } from '../activity/technical-fault-report.entity.js';
import { TestResult } from '../activity/test-result.entity.js';
import {
  ObservationKind,
  QuorumRule,
  ReviewStatus,
  SteeringRecommendation,
  TestProtocolStatus,
} from '../testbed.enums.js';
import { TestbedError } from '../testbed.errors.js';
import { STEERING_MEMBER_KINDS, TestbedPolicy } from '../testbed.policy.js';
import { categoryKey } from '../testbed.queries.js';

/** The decision's record is written in the node's language, with the words the app shows for each recommendation. */
const recommendationSv = (r: SteeringRecommendation) => word('sv', `recommendation.${r}`);

/** Votes needed to close a review, given the rule and the number of member organisations. */
export function requiredVotes(
  settings: Pick<SteeringSettings, 'quorumRule' | 'minimumVotes'>,
  memberCount: number,
): number {
  switch (settings.quorumRule) {
    case QuorumRule.ALL_MEMBERS:
      return memberCount;
    case QuorumRule.MINIMUM_VOTES:
      return Math.min(settings.minimumVotes ?? memberCount, memberCount);
    default:
      return Math.floor(memberCount / 2) + 1;
  }
}

/** The option with most votes; a tie for the most gives TEST_MORE. */
export function outcomeOf(votes: readonly Pick<SteeringVote, 'recommendation'>[]): {
  outcome: SteeringRecommendation;
  counts: VoteCount[];
} {
  const counts = Object.values(SteeringRecommendation).map((recommendation) => ({
    recommendation,
    votes: votes.filter((v) => v.recommendation === recommendation).length,
  }));
  const most = Math.max(...counts.map((c) => c.votes));
  const leaders = counts.filter((c) => c.votes === most);
  return { outcome: leaders.length === 1 ? leaders[0].recommendation : SteeringRecommendation.TEST_MORE, counts };
}

@Injectable()
export class SteeringReviewService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly protocols: TestProtocolService,
    private readonly categories: TechnologyCategoryService,
    private readonly users: UserService,
    private readonly notifications: NotificationService,
    private readonly needFollowers: NeedFollowService,
  ) {}

  /**
   * Freezes the whole protocol as the next version, with a content hash, and opens the steering review. What the
   * knowledge basis lacks (`evidenceGapsOf`) is frozen with it; handing in with gaps takes a reason.
   */
  async submit(ctx: RequestContext, protocolId: string, handInReason?: string | null): Promise<TestProtocolVersion> {
    const reason = handInReason?.trim() || null;
    if (reason && reason.length > TextLimits.long) {
      throw CoreError.INVALID_INPUT({
        field: 'handInReason',
        params: {
          field: 'handInReason',
          problem: `får vara högst ${TextLimits.long} tecken`,
          problemEn: `must be shorter than or equal to ${TextLimits.long} characters`,
          constraint: 'maxLength',
          max: TextLimits.long,
        },
      });
    }
    const { version, notified } = await this.db.transaction(async (tx) => {
      const protocol = await this.protocols.lock(ctx, tx, protocolId);
      TestbedPolicy.assertCanSee(ctx, {
        protocol,
        participantIds: await this.protocols.participantIdsIn(tx, protocol.id),
      });
      TestbedPolicy.assertLeads(ctx, protocol);
      await this.protocols.transition(ctx, tx, protocol, TestProtocolStatus.SUBMITTED_FOR_REVIEW, null);
      const content = await this.snapshotOf(tx, protocol);
      const gaps = evidenceGapsOf(content, this.clock.today());
      if (gaps.length && !reason) {
        throw TestbedError.HAND_IN_REASON_REQUIRED({
          field: 'handInReason',
          params: { field: 'handInReason', gaps: gaps.map((g) => g.kind) },
        });
      }
      const snapshot: ProtocolSnapshot = { ...content, handIn: { gaps, reason: gaps.length ? reason : null } };
      const versionNumber = protocol.versionCount + 1;
      const version = tx.create(TestProtocolVersion, {
        protocolId: protocol.id,
        versionNumber,
        snapshot,
        contentHash: contentHash(snapshot),
        reviewStatus: ReviewStatus.OPEN,
        submittedByUserId: ctx.userId,
        submittedAt: this.clock.now(),
        closedAt: null,
      });
      await tx.insert(TestProtocolVersion, version);
      await tx.update(TestProtocol, { id: protocol.id }, { versionCount: versionNumber });
      await this.audit.record(ctx, tx, {
        action: 'testProtocol.submitted',
        entityType: 'TestProtocol',
        entityId: protocol.id,
        after: { versionId: version.id, versionNumber, contentHash: version.contentHash, handIn: snapshot.handIn },
      });
      const steering = await this.users.withRoles('ANY', [Role.STEERING_MEMBER]);
      const notified = await this.notifications.notify(tx, {
        recipientUserIds: steering.map((u) => u.id),
        kind: 'testProtocol.submittedForReview',
        text: { protocolTitle: protocol.title },
        entityType: 'TestProtocol',
        entityId: protocol.id,
        params: { versionId: version.id, versionNumber },
        dedupeKey: `testProtocol.submitted.${version.id}`,
      });
      return { version, notified };
    });
    await this.notifications.dispatch(notified);
    return version;
  }

  /** What the protocol's knowledge basis lacks if it were handed in now (the hand-in form shows it). */
  async evidenceGaps(ctx: RequestContext, protocolId: string): Promise<EvidenceGap[]> {
    const protocol = await this.protocols.get(ctx, protocolId);
    return evidenceGapsOf(await this.snapshotOf(this.db.manager, protocol), this.clock.today());
  }

  /** A version's gaps: as frozen at hand-in, or computed from the snapshot for versions frozen before that. */
  evidenceGapsOfVersion(version: TestProtocolVersion): EvidenceGap[] {
    return version.snapshot.handIn?.gaps ?? evidenceGapsOf(version.snapshot, calendarDate(version.submittedAt));
  }

  /**
   * One vote per member organisation and version. The vote that reaches the quorum closes the review into a
   * decision in the same transaction; the protocol and version rows are locked (in that order, as every
   * change to a protocol locks it first) so two concurrent last votes cannot make two decisions.
   */
  async castVote(ctx: RequestContext, input: CastSteeringVoteInput): Promise<SteeringVote> {
    TestbedPolicy.assertVotes(ctx);
    if (input.recommendation === SteeringRecommendation.RECOMMEND_WITH_CONDITIONS && !input.conditions) {
      throw TestbedError.CONDITIONS_REQUIRED({ field: 'input.conditions', params: { field: 'input.conditions' } });
    }
    const { vote, notified } = await this.db.transaction(async (tx) => {
      const found = await tx.findOneBy(TestProtocolVersion, { id: input.versionId });
      if (!found) throw TestbedError.VERSION_NOT_FOUND({ field: 'input.versionId' });
      const protocol = await this.protocols.lock(ctx, tx, found.protocolId, 'input.versionId');
      const version = await tx.findOneOrFail(TestProtocolVersion, {
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (version.reviewStatus !== ReviewStatus.OPEN) {
        throw TestbedError.VERSION_NOT_UNDER_REVIEW({
          field: 'input.versionId',
          params: { version: version.versionNumber },
        });
      }
      if (await tx.existsBy(SteeringVote, { versionId: version.id, organizationId: ctx.organizationId })) {
        throw TestbedError.ALREADY_VOTED({ field: 'input.versionId', params: { version: version.versionNumber } });
      }
      const vote = tx.create(SteeringVote, {
        versionId: version.id,
        protocolId: protocol.id,
        organizationId: ctx.organizationId,
        voterUserId: ctx.userId,
        recommendation: input.recommendation,
        conditions:
          input.recommendation === SteeringRecommendation.RECOMMEND_WITH_CONDITIONS ? (input.conditions ?? null) : null,
        rationale: input.rationale,
        castAt: this.clock.now(),
      });
      await tx.insert(SteeringVote, vote);
      await this.audit.record(ctx, tx, {
        action: 'steeringVote.cast',
        entityType: 'TestProtocolVersion',
        entityId: version.id,
        after: vote,
      });

      const votes = await tx.find(SteeringVote, {
        where: { versionId: version.id },
        order: { castAt: 'ASC', id: 'ASC' },
      });
      const memberCount = await tx.count(Organization, { where: { kind: In([...STEERING_MEMBER_KINDS]) } });
      if (votes.length < requiredVotes(await this.settingsIn(tx), memberCount)) return { vote, notified: [] };
      const notified = await this.decide(ctx, tx, protocol, version, votes);
      return { vote, notified };
    });
    await this.notifications.dispatch(notified);
    return vote;
  }

  private async decide(
    ctx: RequestContext,
    tx: EntityManager,
    protocol: TestProtocol,
    version: TestProtocolVersion,
    votes: SteeringVote[],
  ): Promise<string[]> {
    const now = this.clock.now();
    const { outcome, counts } = outcomeOf(votes);
    const organizations = await tx.findBy(Organization, { id: In(votes.map((v) => v.organizationId)) });
    const nameOf = new Map(organizations.map((o) => [o.id, o.name]));
    const rationale = [
      `Beslut: ${recommendationSv(outcome)} (${counts
        .filter((c) => c.votes > 0)
        .map((c) => `${recommendationSv(c.recommendation)}: ${c.votes}`)
        .join(', ')}).`,
      ...votes.map(
        (v) =>
          `${nameOf.get(v.organizationId) ?? v.organizationId} – ${recommendationSv(v.recommendation)}: ${v.rationale}${v.conditions ? ` Villkor: ${v.conditions}` : ''}`,
      ),
    ].join('\n');
    const conditions =
      votes
        .filter((v) => v.conditions)
        .map((v) => `${nameOf.get(v.organizationId) ?? v.organizationId}: ${v.conditions}`)
        .join('\n') || null;
    const previous = await tx.findOne(TestDecision, {
      where: { protocolId: protocol.id },
      order: { versionNumber: 'DESC' },
    });
    const { snapshot } = version;
    const decision = tx.create(TestDecision, {
      protocolId: protocol.id,
      versionId: version.id,
      versionNumber: version.versionNumber,
      categoryId: snapshot.plan.categoryId,
      outcome,
      rationale,
      conditions,
      voteCounts: counts,
      knowledgeBasis: {
        versionId: version.id,
        versionNumber: version.versionNumber,
        contentHash: version.contentHash,
        submittedAt: version.submittedAt.toISOString(),
        results: snapshot.results,
        participants: snapshot.participants,
        observationSummary: Object.fromEntries(
          Object.values(ObservationKind).map((kind) => [
            kind,
            snapshot.observations.filter((o) => o.kind === kind).length,
          ]),
        ),
        lessons: snapshot.observations.filter((o) => o.kind === ObservationKind.LESSON).map((o) => o.description),
        deviationCount: snapshot.deviations.length,
        technicalFaultCount: snapshot.technicalFaults.length,
        documents: snapshot.plan.documents,
        needIds: snapshot.plan.needIds,
        votes: votes.length,
      },
      decidedAt: now,
      supersedesDecisionId: previous?.id ?? null,
    });
    await tx.insert(TestDecision, decision);
    await tx.update(TestProtocolVersion, { id: version.id }, { reviewStatus: ReviewStatus.DECIDED, closedAt: now });
    await this.protocols.transition(
      ctx,
      tx,
      protocol,
      TestProtocolStatus.DECIDED,
      `Beslutförhet uppnådd med ${votes.length} röster.`,
    );
    await this.audit.record(ctx, tx, {
      action: 'testDecision.made',
      entityType: 'TestDecision',
      entityId: decision.id,
      after: { ...decision, knowledgeBasis: undefined },
    });

    const recipients = [
      ...(await this.users.withRoles([protocol.leadOrganizationId], Object.values(Role))),
      ...(await this.users.withRoles('ANY', [Role.STEERING_MEMBER])),
    ];
    const toFollowers = await this.needFollowers.tell(tx, snapshot.plan.needIds, {
      kind: 'need.testDecided',
      eventKey: decision.id,
      text: { protocolTitle: protocol.title, outcome },
      entityType: 'TestDecision',
      entityId: decision.id,
    });
    const toParties = await this.notifications.notify(tx, {
      recipientUserIds: recipients.map((u) => u.id),
      kind: 'testDecision.made',
      text: { protocolTitle: protocol.title, versionNumber: version.versionNumber },
      entityType: 'TestDecision',
      entityId: decision.id,
      params: { protocolId: protocol.id, versionId: version.id, outcome },
      dedupeKey: `testDecision.made.${decision.id}`,
    });
    return [...toParties, ...toFollowers];
  }

  /** The whole protocol as it stands, in a stable order: what the steering group judges. */
  private async snapshotOf(tx: EntityManager, protocol: TestProtocol): Promise<Omit<ProtocolSnapshot, 'handIn'>> {
    const byProtocol = { where: { protocolId: protocol.id } };
    // One after the other: a transaction's connection runs one statement at a time.
    const participantIds = await this.protocols.participantIdsIn(tx, protocol.id);
    const needs = await tx.find(TestProtocolNeed, byProtocol);
    const criteria = await tx.find(SuccessCriterion, { ...byProtocol, order: { position: 'ASC' } });
    const participants = await tx.find(ParticipantCount, { ...byProtocol, order: { participantGroup: 'ASC' } });
    const observations = await tx.find(TestObservation, { ...byProtocol, order: { createdAt: 'ASC', seq: 'ASC' } });
    const deviations = await tx.find(TestDeviation, { ...byProtocol, order: { createdAt: 'ASC', seq: 'ASC' } });
    const faults = await tx.find(TechnicalFaultReport, { ...byProtocol, order: { createdAt: 'ASC', seq: 'ASC' } });
    const results = await tx.find(TestResult, byProtocol);
    const key = await categoryKey(tx, protocol.categoryId);
    const resultOf = new Map(results.map((r) => [r.criterionId, r]));
    const report = (r: TestObservation | TestDeviation | TechnicalFaultReport) => ({
      id: r.id,
      description: r.description,
      occurredOn: r.occurredOn,
      authorOrganizationId: r.authorOrganizationId,
      authorUserId: r.authorUserId,
    });
    return {
      protocolId: protocol.id,
      plan: {
        title: protocol.title,
        categoryId: protocol.categoryId,
        categoryKey: key,
        productId: protocol.productId,
        needIds: needs.map((n) => n.needId).sort(),
        leadOrganizationId: protocol.leadOrganizationId,
        participatingOrganizationIds: [...participantIds].sort(),
        settings: [...protocol.settings].sort(),
        purpose: protocol.purpose,
        expectedBenefit: protocol.expectedBenefit,
        baseline: protocol.baseline,
        plannedStart: protocol.plannedStart,
        plannedEnd: protocol.plannedEnd,
        broadRolloutIntended: protocol.broadRolloutIntended,
        consentApproach: protocol.consentApproach,
        consentDescription: protocol.consentDescription,
        informationSecurity: protocol.informationSecurity,
        workEnvironment: protocol.workEnvironment,
        involvement: protocol.involvement,
        risks: protocol.risks,
        documents: protocol.documents,
        successCriteria: criteria.map((c) => ({
          id: c.id,
          name: c.name,
          targetValue: c.targetValue,
          unit: c.unit,
          description: c.description,
        })),
      },
      participants: participants.map((p) => ({
        group: p.participantGroup,
        women: p.women,
        men: p.men,
        otherOrUnknown: p.otherOrUnknown,
      })),
      observations: observations.map((o) => ({ ...report(o), kind: o.kind })),
      deviations: deviations.map((d) => ({ ...report(d), actionTaken: d.actionTaken })),
      technicalFaults: faults.map((f) => ({
        ...report(f),
        affectedComponent: f.affectedComponent,
        resolved: f.resolved,
      })),
      results: criteria.flatMap((c) => {
        const r = resultOf.get(c.id);
        return r
          ? [
              {
                criterionId: c.id,
                criterion: c.name,
                targetValue: c.targetValue,
                unit: c.unit,
                measuredValue: r.measuredValue,
                met: r.met,
                comment: r.comment,
              },
            ]
          : [];
      }),
    };
  }

  async configureQuorum(ctx: RequestContext, input: ConfigureSteeringQuorumInput): Promise<SteeringSettings> {
    TestbedPolicy.assertConfiguresSteering(ctx);
    return this.db.transaction(async (tx) => {
      const memberCount = await tx.count(Organization, { where: { kind: In([...STEERING_MEMBER_KINDS]) } });
      const needsCount = input.rule === QuorumRule.MINIMUM_VOTES;
      if (needsCount !== (input.minimumVotes != null) || (input.minimumVotes ?? 0) > memberCount) {
        throw TestbedError.MINIMUM_VOTES_REQUIRED({
          field: 'input.minimumVotes',
          params: { field: 'input.minimumVotes', max: memberCount },
        });
      }
      const before = await this.settingsIn(tx, true);
      const after = {
        quorumRule: input.rule,
        minimumVotes: input.minimumVotes ?? null,
        updatedByUserId: ctx.auditUserId,
        updatedAt: this.clock.now(),
      };
      await tx.update(SteeringSettings, { id: true }, after);
      await this.audit.record(ctx, tx, {
        action: 'steering.quorumConfigured',
        entityType: 'SteeringSettings',
        before,
        after,
      });
      return { ...before, ...after };
    });
  }

  settings(_ctx: RequestContext): Promise<SteeringSettings> {
    return this.settingsIn(this.db.manager);
  }

  private async settingsIn(tx: EntityManager, lock = false): Promise<SteeringSettings> {
    return tx.findOneOrFail(SteeringSettings, {
      where: { id: true },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
  }

  /** Protocols whose open version has no vote yet from the caller's organisation, oldest submission first. */
  reviewQueue(ctx: RequestContext, page: PageArgs): Promise<ConnectionResult<TestProtocol>> {
    TestbedPolicy.assertVotes(ctx);
    const qb = this.db.manager
      .createQueryBuilder(TestProtocol, 'p')
      .where('p.status = :status', { status: TestProtocolStatus.SUBMITTED_FOR_REVIEW })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM test_protocol_versions v JOIN test_steering_votes sv ON sv.version_id = v.id
                     WHERE v.protocol_id = p.id AND v.review_status = :open AND sv.organization_id = :org)`,
        { open: ReviewStatus.OPEN, org: ctx.organizationId },
      );
    return paginate(qb, page, [
      { expression: 'p.updated_at', direction: 'ASC', value: (p) => p.updatedAt },
      { expression: 'p.id', direction: 'ASC', value: (p) => p.id },
    ]);
  }

  /** Decisions are published to all members. */
  async decisions(ctx: RequestContext, args: DecisionsArgs): Promise<ConnectionResult<TestDecision>> {
    const qb = this.db.manager.createQueryBuilder(TestDecision, 'd');
    if (args.category)
      qb.andWhere('d.category_id = :category', {
        category: (await this.categories.resolve(ctx, args.category, 'category')).id,
      });
    if (args.outcome) qb.andWhere('d.outcome = :outcome', { outcome: args.outcome });
    return paginate(qb, args, [
      { expression: 'd.decided_at', direction: 'DESC', value: (d) => d.decidedAt },
      { expression: 'd.id', direction: 'DESC', value: (d) => d.id },
    ]);
  }

  async decision(ctx: RequestContext, id: string): Promise<TestDecision> {
    const decision = await this.loadDecision(ctx, id);
    if (!decision) throw TestbedError.DECISION_NOT_FOUND({ field: 'id' });
    return decision;
  }

  loadDecision(ctx: RequestContext, id: string): Promise<TestDecision | null> {
    return ctx.loaders
      .byKey<string, TestDecision>(
        'testDecision',
        (ids) => this.db.manager.findBy(TestDecision, { id: In([...ids]) }),
        (d) => d.id,
      )
      .load(id);
  }

  loadVersion(ctx: RequestContext, id: string): Promise<TestProtocolVersion | null> {
    return ctx.loaders
      .byKey<string, TestProtocolVersion>(
        'testProtocolVersion',
        (ids) => this.db.manager.findBy(TestProtocolVersion, { id: In([...ids]) }),
        (v) => v.id,
      )
      .load(id);
  }

  versionsOf(ctx: RequestContext, protocolId: string): Promise<TestProtocolVersion[]> {
    return ctx.loaders
      .manyByKey<string, TestProtocolVersion>(
        'testProtocolVersions',
        (ids) =>
          this.db.manager.find(TestProtocolVersion, {
            where: { protocolId: In([...ids]) },
            order: { versionNumber: 'ASC' },
          }),
        (v) => v.protocolId,
      )
      .load(protocolId);
  }

  votesOf(ctx: RequestContext, versionId: string): Promise<SteeringVote[]> {
    return ctx.loaders
      .manyByKey<string, SteeringVote>(
        'testSteeringVotes',
        (ids) =>
          this.db.manager.find(SteeringVote, {
            where: { versionId: In([...ids]) },
            order: { castAt: 'ASC', id: 'ASC' },
          }),
        (v) => v.versionId,
      )
      .load(versionId);
  }

  decisionOfVersion(ctx: RequestContext, versionId: string): Promise<TestDecision | null> {
    return ctx.loaders
      .byKey<string, TestDecision>(
        'testDecisionByVersion',
        (ids) => this.db.manager.findBy(TestDecision, { versionId: In([...ids]) }),
        (d) => d.versionId,
      )
      .load(versionId);
  }

  decisionsOf(ctx: RequestContext, protocolId: string): Promise<TestDecision[]> {
    return ctx.loaders
      .manyByKey<string, TestDecision>(
        'testDecisionsByProtocol',
        (ids) =>
          this.db.manager.find(TestDecision, { where: { protocolId: In([...ids]) }, order: { versionNumber: 'ASC' } }),
        (d) => d.protocolId,
      )
      .load(protocolId);
  }

  supersededBy(ctx: RequestContext, decisionId: string): Promise<TestDecision | null> {
    return ctx.loaders
      .byKey<string, TestDecision>(
        'testDecisionSupersededBy',
        (ids) => this.db.manager.findBy(TestDecision, { supersedesDecisionId: In([...ids]) }),
        (d) => d.supersedesDecisionId!,
      )
      .load(decisionId);
  }
}
