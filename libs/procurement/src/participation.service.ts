import { Injectable } from '@nestjs/common';
import { type EntityManager, In } from 'typeorm';
import { AuditService, Clock, CoreError, Db, Organization, type RequestContext } from '#core';
import { Participation, ParticipationLotVolume } from './participation.entity.js';
import { Procurement } from './procurement.entity.js';
import { ProcurementLot } from './procurement-lot.entity.js';
import { ProcurementStatus } from './procurement.enums.js';
import { ProcurementError } from './procurement.errors.js';
import { ProcurementPolicy } from './procurement.policy.js';
import { JOINING_KINDS, ProcurementService } from './procurement.service.js';
import type { JoinProcurementInput, LotVolumeInput, WithdrawParticipationInput } from './dto/join-procurement.input.js';

/**
 * Joining a joint procurement. The window is calendar days in Europe/Stockholm, both ends inclusive, and
 * only while the procurement is OPEN_FOR_PARTICIPATION; outside it every change answers CONFLICT with the dates.
 */
@Injectable()
export class ParticipationService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly procurements: ProcurementService,
  ) {}

  async join(ctx: RequestContext, input: JoinProcurementInput): Promise<Participation> {
    const organizationId = this.participantOf(ctx, input.organizationId);
    return this.db.transaction(async (tx) => {
      const { procurement, organization } = await this.openProcurement(ctx, tx, input.procurementId, organizationId);
      const existing = await tx.findOneBy(Participation, { procurementId: procurement.id, organizationId });
      if (existing)
        throw ProcurementError.ALREADY_PARTICIPATING({
          field: 'input.procurementId',
          params: { organization: organization.name },
        });
      await this.assertVolumes(tx, procurement.id, input.volumes);
      const now = this.clock.now();
      const participation = tx.create(Participation, {
        procurementId: procurement.id,
        organizationId,
        contactName: input.contactName,
        contactEmail: input.contactEmail.toLowerCase(),
        joinedByUserId: ctx.auditUserId,
        joinedAt: now,
        updatedAt: now,
      });
      await tx.insert(Participation, participation);
      await tx.insert(
        ParticipationLotVolume,
        input.volumes.map((v) => ({
          participationId: participation.id,
          lotId: v.lotId,
          estimatedVolume: v.estimatedVolume,
        })),
      );
      // The contact is personal data: the audit keeps that it changed, not the name or address.
      await this.audit.record(ctx, tx, {
        action: 'procurement.joined',
        entityType: 'Procurement',
        entityId: procurement.id,
        after: { organizationId, volumes: input.volumes },
      });
      return participation;
    });
  }

  async change(ctx: RequestContext, input: JoinProcurementInput): Promise<Participation> {
    const organizationId = this.participantOf(ctx, input.organizationId);
    return this.db.transaction(async (tx) => {
      const { procurement, organization } = await this.openProcurement(ctx, tx, input.procurementId, organizationId);
      const participation = await tx.findOne(Participation, {
        where: { procurementId: procurement.id, organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!participation)
        throw ProcurementError.NOT_PARTICIPATING({
          field: 'input.procurementId',
          params: { organization: organization.name },
        });
      await this.assertVolumes(tx, procurement.id, input.volumes);
      const before = await tx.findBy(ParticipationLotVolume, { participationId: participation.id });
      participation.contactName = input.contactName;
      participation.contactEmail = input.contactEmail.toLowerCase();
      participation.updatedAt = this.clock.now();
      await tx.update(
        Participation,
        { id: participation.id },
        {
          contactName: participation.contactName,
          contactEmail: participation.contactEmail,
          updatedAt: participation.updatedAt,
        },
      );
      await tx.delete(ParticipationLotVolume, { participationId: participation.id });
      await tx.insert(
        ParticipationLotVolume,
        input.volumes.map((v) => ({
          participationId: participation.id,
          lotId: v.lotId,
          estimatedVolume: v.estimatedVolume,
        })),
      );
      await this.audit.record(ctx, tx, {
        action: 'procurement.participationChanged',
        entityType: 'Procurement',
        entityId: procurement.id,
        before: {
          organizationId,
          volumes: before.map((v) => ({ lotId: v.lotId, estimatedVolume: v.estimatedVolume })),
        },
        after: { organizationId, volumes: input.volumes },
      });
      return participation;
    });
  }

  async withdraw(ctx: RequestContext, input: WithdrawParticipationInput): Promise<Procurement> {
    const organizationId = this.participantOf(ctx, input.organizationId);
    return this.db.transaction(async (tx) => {
      const { procurement, organization } = await this.openProcurement(ctx, tx, input.procurementId, organizationId);
      const participation = await tx.findOne(Participation, {
        where: { procurementId: procurement.id, organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!participation)
        throw ProcurementError.NOT_PARTICIPATING({
          field: 'input.procurementId',
          params: { organization: organization.name },
        });
      await tx.delete(Participation, { id: participation.id });
      await this.audit.record(ctx, tx, {
        action: 'procurement.withdrawn',
        entityType: 'Procurement',
        entityId: procurement.id,
        before: { organizationId, participationId: participation.id },
      });
      return procurement;
    });
  }

  participantsOf(ctx: RequestContext, procurementId: string): Promise<Participation[]> {
    return ctx.loaders
      .manyByKey<string, Participation>(
        'participations',
        (ids) =>
          this.db.manager.find(Participation, { where: { procurementId: In([...ids]) }, order: { joinedAt: 'ASC' } }),
        (p) => p.procurementId,
      )
      .load(procurementId);
  }

  volumesOf(ctx: RequestContext, participationId: string): Promise<ParticipationLotVolume[]> {
    return ctx.loaders
      .manyByKey<string, ParticipationLotVolume>(
        'participationVolumes',
        (ids) => this.db.manager.findBy(ParticipationLotVolume, { participationId: In([...ids]) }),
        (v) => v.participationId,
      )
      .load(participationId);
  }

  /** The participant's contact, or null when the caller may not see it. */
  async contactOf(ctx: RequestContext, participation: Participation): Promise<{ name: string; email: string } | null> {
    const procurement = await this.procurements.load(ctx, participation.procurementId);
    if (!procurement || !ProcurementPolicy.canSeeParticipantContact(ctx, procurement, participation.organizationId))
      return null;
    return { name: participation.contactName, email: participation.contactEmail };
  }

  private participantOf(ctx: RequestContext, organizationId: string | null | undefined): string {
    const id = organizationId ?? (ctx.isNodeStaff ? null : ctx.organizationId);
    if (!id)
      throw CoreError.INVALID_INPUT({
        field: 'input.organizationId',
        params: {
          field: 'input.organizationId',
          problem: 'måste anges av nodens personal',
          problemEn: 'is required for node staff',
        },
      });
    ProcurementPolicy.assertActsForParticipant(ctx, id);
    return id;
  }

  /** The procurement, locked, visible, open for participation today; and the organisation, eligible to join. */
  private async openProcurement(
    ctx: RequestContext,
    tx: EntityManager,
    procurementId: string,
    organizationId: string,
  ): Promise<{ procurement: Procurement; organization: Organization }> {
    const procurement = await tx.findOne(Procurement, {
      where: { id: procurementId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!procurement) throw ProcurementError.NOT_FOUND({ field: 'input.procurementId' });
    ProcurementPolicy.assertCanSee(ctx, procurement, 'input.procurementId');
    const organization = await tx.findOneBy(Organization, { id: organizationId });
    if (!organization) throw ProcurementError.ORGANIZATION_NOT_FOUND({ field: 'input.organizationId' });
    if (!JOINING_KINDS.includes(organization.kind))
      throw ProcurementError.NOT_ELIGIBLE({ field: 'input.organizationId' });
    const today = this.clock.today();
    const params = {
      status: procurement.status,
      opensOn: procurement.participationOpensOn,
      closesOn: procurement.participationClosesOn,
      today,
    };
    if (today < procurement.participationOpensOn || today > procurement.participationClosesOn)
      throw ProcurementError.OUTSIDE_WINDOW({ field: 'input.procurementId', params });
    if (procurement.status !== ProcurementStatus.OPEN_FOR_PARTICIPATION)
      throw ProcurementError.NOT_OPEN_FOR_PARTICIPATION({ field: 'input.procurementId', params });
    return { procurement, organization };
  }

  private async assertVolumes(
    tx: EntityManager,
    procurementId: string,
    volumes: readonly LotVolumeInput[],
  ): Promise<void> {
    const lotIds = new Set(
      (await tx.find(ProcurementLot, { where: { procurementId }, select: { id: true } })).map((l) => l.id),
    );
    const seen = new Set<string>();
    volumes.forEach((v, i) => {
      if (!lotIds.has(v.lotId)) throw ProcurementError.LOT_NOT_FOUND({ field: `input.volumes.${i}.lotId` });
      if (seen.has(v.lotId)) throw ProcurementError.DUPLICATE_LOT({ field: `input.volumes.${i}.lotId` });
      seen.add(v.lotId);
    });
  }
}
