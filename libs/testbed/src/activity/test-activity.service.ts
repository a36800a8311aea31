import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService, calendarDate, Clock, Db, type RequestContext, SmallNumbers } from '#core';
import { ParticipantCount } from './participant-count.entity.js';
import { TestObservation } from './test-observation.entity.js';
import { TestDeviation } from './test-deviation.entity.js';
import { TechnicalFaultReport } from './technical-fault-report.entity.js';
import { TestResult } from './test-result.entity.js';
import type {
  AddObservationInput,
  RecordParticipantsInput,
  RecordTestResultInput,
  ReportDeviationInput,
  ReportTechnicalFaultInput,
} from './dto/activity.input.js';
import { TestProtocol } from '../protocol/test-protocol.entity.js';
import { SuccessCriterion } from '../protocol/success-criterion.entity.js';
import { TestProtocolService } from '../protocol/test-protocol.service.js';
import { TestbedError } from '../testbed.errors.js';
import { upsertParticipantCount, upsertResult } from '../testbed.queries.js';

/** What happens during a test: participants, observations, deviations, technical faults, results. */
@Injectable()
export class TestActivityService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly protocols: TestProtocolService,
    private readonly smallNumbers: SmallNumbers,
  ) {}

  async recordParticipants(ctx: RequestContext, input: RecordParticipantsInput): Promise<TestProtocol> {
    await this.db.transaction(async (tx) => {
      const { protocol } = await this.protocols.openForChange(
        ctx,
        tx,
        input.protocolId,
        'activity',
        'lead',
        'input.protocolId',
      );
      const now = this.clock.now();
      for (const c of input.counts) {
        await upsertParticipantCount(tx, {
          protocolId: protocol.id,
          group: c.group,
          women: c.women,
          men: c.men,
          otherOrUnknown: c.otherOrUnknown,
          recordedByUserId: ctx.userId,
          recordedAt: now,
        });
      }
      await this.touch(tx, protocol.id);
      await this.audit.record(ctx, tx, {
        action: 'testProtocol.participantsRecorded',
        entityType: 'TestProtocol',
        entityId: protocol.id,
        after: { counts: input.counts },
      });
    });
    return this.protocols.get(ctx, input.protocolId);
  }

  addObservation(ctx: RequestContext, input: AddObservationInput): Promise<TestObservation> {
    return this.report(ctx, TestObservation, input.protocolId, 'testProtocol.observationAdded', (base) => ({
      ...base,
      kind: input.kind,
      description: input.description,
      occurredOn: input.occurredOn ?? base.occurredOn,
    }));
  }

  reportDeviation(ctx: RequestContext, input: ReportDeviationInput): Promise<TestDeviation> {
    return this.report(ctx, TestDeviation, input.protocolId, 'testProtocol.deviationReported', (base) => ({
      ...base,
      description: input.description,
      occurredOn: input.occurredOn ?? base.occurredOn,
      actionTaken: input.actionTaken ?? null,
    }));
  }

  reportTechnicalFault(ctx: RequestContext, input: ReportTechnicalFaultInput): Promise<TechnicalFaultReport> {
    return this.report(ctx, TechnicalFaultReport, input.protocolId, 'testProtocol.technicalFaultReported', (base) => ({
      ...base,
      description: input.description,
      occurredOn: input.occurredOn ?? base.occurredOn,
      affectedComponent: input.affectedComponent ?? null,
      resolved: input.resolved ?? false,
    }));
  }

  async recordResult(ctx: RequestContext, input: RecordTestResultInput): Promise<TestResult> {
    return this.db.transaction(async (tx) => {
      const { protocol } = await this.protocols.openForChange(
        ctx,
        tx,
        input.protocolId,
        'activity',
        'lead',
        'input.protocolId',
      );
      if (!(await tx.existsBy(SuccessCriterion, { id: input.criterionId, protocolId: protocol.id })))
        throw TestbedError.CRITERION_NOT_FOUND({ field: 'input.criterionId' });
      const before = await tx.findOneBy(TestResult, { criterionId: input.criterionId });
      const resultId = await upsertResult(tx, {
        protocolId: protocol.id,
        criterionId: input.criterionId,
        measuredValue: input.measuredValue,
        met: input.met,
        comment: input.comment ?? null,
        recordedByUserId: ctx.userId,
        recordedAt: this.clock.now(),
      });
      const result = await tx.findOneByOrFail(TestResult, { id: resultId });
      await this.touch(tx, protocol.id);
      await this.audit.record(ctx, tx, {
        action: 'testProtocol.resultRecorded',
        entityType: 'TestProtocol',
        entityId: protocol.id,
        before,
        after: result,
      });
      return result;
    });
  }

  participantsOf(ctx: RequestContext, protocolId: string): Promise<ParticipantCount[]> {
    return this.many(ctx, ParticipantCount, 'testParticipants', protocolId, { participantGroup: 'ASC' });
  }

  /** The participant counts as the caller may see them: the small-number rule for people applies to other organisations. */
  async participantsShownTo(ctx: RequestContext, protocol: TestProtocol): Promise<ParticipantCount[]> {
    const [counts, participantIds] = await Promise.all([
      this.participantsOf(ctx, protocol.id),
      this.protocols.participantIdsOf(ctx, protocol.id),
    ]);
    return counts.map((count) => {
      const shown = this.smallNumbers.breakdown(ctx, [protocol.leadOrganizationId, ...participantIds], {
        women: count.women,
        men: count.men,
        otherOrUnknown: count.otherOrUnknown,
      });
      return { ...count, ...shown.parts, total: shown.total, suppression: shown.suppression } as ParticipantCount;
    });
  }

  observationsOf(ctx: RequestContext, protocolId: string): Promise<TestObservation[]> {
    return this.many(ctx, TestObservation, 'testObservations', protocolId, { createdAt: 'ASC', seq: 'ASC' });
  }

  deviationsOf(ctx: RequestContext, protocolId: string): Promise<TestDeviation[]> {
    return this.many(ctx, TestDeviation, 'testDeviations', protocolId, { createdAt: 'ASC', seq: 'ASC' });
  }

  faultReportsOf(ctx: RequestContext, protocolId: string): Promise<TechnicalFaultReport[]> {
    return this.many(ctx, TechnicalFaultReport, 'testFaultReports', protocolId, { createdAt: 'ASC', seq: 'ASC' });
  }

  resultsOf(ctx: RequestContext, protocolId: string): Promise<TestResult[]> {
    return this.many(ctx, TestResult, 'testResults', protocolId, { recordedAt: 'ASC', id: 'ASC' });
  }

  /** Observations, deviations and faults: anyone in the lead or a participating organisation may report. */
  private report<T extends TestObservation | TestDeviation | TechnicalFaultReport>(
    ctx: RequestContext,
    entity: new () => T,
    protocolId: string,
    action: string,
    build: (
      base: Pick<T, 'protocolId' | 'occurredOn' | 'authorUserId' | 'authorOrganizationId' | 'createdAt'>,
    ) => Partial<T>,
  ): Promise<T> {
    return this.db.transaction(async (tx) => {
      const { protocol } = await this.protocols.openForChange(
        ctx,
        tx,
        protocolId,
        'activity',
        'participant',
        'input.protocolId',
      );
      const now = this.clock.now();
      const today = calendarDate(now);
      const row = tx.create(
        entity,
        build({
          protocolId: protocol.id,
          occurredOn: today,
          authorUserId: ctx.userId,
          authorOrganizationId: ctx.organizationId,
          createdAt: now,
        }) as T,
      );
      if (row.occurredOn > today)
        throw TestbedError.OCCURRED_IN_FUTURE({ field: 'input.occurredOn', params: { field: 'input.occurredOn' } });
      await tx.insert(entity, row as never);
      await this.touch(tx, protocol.id);
      // The text may hold personal data: the audit keeps it with the row, as every change is kept.
      await this.audit.record(ctx, tx, { action, entityType: 'TestProtocol', entityId: protocol.id, after: row });
      return row;
    });
  }

  private async touch(tx: EntityManager, protocolId: string): Promise<void> {
    await tx.update(TestProtocol, { id: protocolId }, { updatedAt: this.clock.now() });
  }

  private many<T extends { protocolId: string }>(
    ctx: RequestContext,
    entity: new () => T,
    key: string,
    protocolId: string,
    order: Record<string, 'ASC' | 'DESC'>,
  ): Promise<T[]> {
    return ctx.loaders
      .manyByKey<string, T>(
        key,
        (ids) => this.db.manager.find(entity, { where: { protocolId: In([...ids]) } as never, order: order as never }),
        (r) => r.protocolId,
      )
      .load(protocolId);
  }
}
