import { Injectable } from '@nestjs/common';
import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { EntityManager } from 'typeorm';
import {
  AuditService,
  Clock,
  CoreError,
  Db,
  type ErrorParams,
  GraphQLJSON,
  Organization,
  renderMessage,
  type RequestContext,
} from '#core';
import { CompatibilityQuestionService, CompatibilityStatus } from '#catalog';
import { CallOff } from './call-off.entity.js';
import { FrameworkAgreement } from './framework-agreement.entity.js';
import { Participation } from './participation.entity.js';
import { Procurement } from './procurement.entity.js';
import { ProcurementLot } from './procurement-lot.entity.js';
import { ProcurementStatus } from './procurement.enums.js';
import { ProcurementError } from './procurement.errors.js';
import { ProcurementPolicy } from './procurement.policy.js';
import type { CallOffPreviewInput, CreateCallOffInput } from './dto/create-call-off.input.js';
import { awardedSupplierIds, lotAwarded, procurementNeedIdsOrdered } from './procurement.queries.js';

/** The call-off warnings, like errors: a code, params, and a message in the request's language. */
const CALL_OFF_WARNINGS = {
  PRODUCT_COMPATIBILITY_UNKNOWN: {
    sv: 'Okänt om version {productVersion} fungerar med {systemName} {systemVersion}.',
    en: 'Unknown whether version {productVersion} works with {systemName} {systemVersion}.',
  },
  PRODUCT_NOT_SUPPORTED_WITH_SYSTEM: {
    sv: 'Version {productVersion} har status {status} med {systemName} {systemVersion}{note}.',
    en: 'Version {productVersion} has status {status} with {systemName} {systemVersion}{note}.',
  },
  NO_SYSTEM_OF_KIND: {
    sv: 'Okänd kompatibilitet: ert systemlandskap saknar {kindSv}.',
    en: 'Compatibility unknown: no {kindEn} in your landscape.',
  },
} as const;

export type CallOffWarningCode = keyof typeof CALL_OFF_WARNINGS;

@ObjectType({ description: 'Something the caller should know about a call-off that does not stop it.' })
export class CallOffWarning {
  @Field({ description: 'PRODUCT_COMPATIBILITY_UNKNOWN, PRODUCT_NOT_SUPPORTED_WITH_SYSTEM or NO_SYSTEM_OF_KIND.' })
  code: string;

  @Field({ description: "In the request's language (Accept-Language)." })
  message: string;

  @Field(() => GraphQLJSON, { description: 'The values the message is built from.' })
  params: ErrorParams;

  @Field(() => String, { nullable: true, description: 'For NO_SYSTEM_OF_KIND: the system kind, e.g. ALARM_RECEIVER.' })
  kindKey?: string | null;

  @Field(() => ID, { nullable: true })
  productId?: string | null;

  @Field(() => ID, { nullable: true, description: 'The system of the caller the warning is about.' })
  systemId?: string | null;
}

@ObjectType()
export class CallOffResult {
  @Field(() => CallOff)
  callOff: CallOff;

  @Field(() => [CallOffWarning], {
    description: "Products not known to be SUPPORTED with the caller's systems (from the catalogue's compatibility).",
  })
  warnings: CallOffWarning[];
}

@ObjectType({ description: 'What a call-off would meet, before it is made: its warnings (no write).' })
export class CallOffPreview {
  @Field(() => [CallOffWarning], {
    description: "The same warnings createCallOff would answer with, for the caller's landscape.",
  })
  warnings: CallOffWarning[];
}

@Injectable()
export class CallOffService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly compatibility: CompatibilityQuestionService,
  ) {}

  /** Only a participant, only under an ACTIVE agreement within its validity, only a product awarded in the lot. */
  async create(ctx: RequestContext, input: CreateCallOffInput): Promise<CallOffResult> {
    const organizationId = this.callingOrganization(ctx, input);
    const { callOff } = await this.db.transaction(async (tx) => {
      const checked = await this.check(ctx, tx, input, organizationId);
      const callOff = tx.create(CallOff, {
        agreementId: checked.agreement.id,
        lotId: checked.lot.id,
        organizationId,
        supplierId: checked.supplierId,
        productId: input.productId,
        quantity: input.quantity,
        valueSek: input.valueSek,
        calledOffOn: checked.calledOffOn,
        method: input.method ?? checked.agreement.callOffMethod,
        createdByUserId: ctx.auditUserId,
        createdAt: this.clock.now(),
      });
      await tx.insert(CallOff, callOff);
      await this.audit.record(ctx, tx, {
        action: 'callOff.created',
        entityType: 'CallOff',
        entityId: callOff.id,
        after: callOff,
      });
      return { callOff };
    });
    // Read after commit: warnings never hold the call-off's locks.
    const warnings = await this.compatibilityWarnings(ctx, organizationId, input.productId);
    return { callOff, warnings };
  }

  /**
   * Before calling off: exactly the checks `create` runs (the same errors, field by field) and the same
   * compatibility warnings for the caller's landscape, writing nothing.
   */
  async preview(ctx: RequestContext, input: CallOffPreviewInput): Promise<CallOffPreview> {
    const organizationId = this.callingOrganization(ctx, input);
    await this.db.transaction((tx) => this.check(ctx, tx, input, organizationId));
    return { warnings: await this.compatibilityWarnings(ctx, organizationId, input.productId) };
  }

  private callingOrganization(ctx: RequestContext, input: CallOffPreviewInput): string {
    const organizationId = input.organizationId ?? (ctx.isNodeStaff ? null : ctx.organizationId);
    if (!organizationId) {
      throw CoreError.INVALID_INPUT({
        field: 'input.organizationId',
        params: {
          field: 'input.organizationId',
          problem: 'måste anges av nodens personal',
          problemEn: 'is required for node staff',
        },
      });
    }
    ProcurementPolicy.assertActsForParticipant(ctx, organizationId);
    return organizationId;
  }

  /** The rules of a call-off, shared by `create` (inside its transaction) and `preview`. */
  private async check(
    ctx: RequestContext,
    tx: EntityManager,
    input: CallOffPreviewInput,
    organizationId: string,
  ): Promise<{ agreement: FrameworkAgreement; lot: ProcurementLot; supplierId: string; calledOffOn: string }> {
    const agreement = await tx.findOneBy(FrameworkAgreement, { id: input.agreementId });
    if (!agreement) throw ProcurementError.AGREEMENT_NOT_FOUND({ field: 'input.agreementId' });
    // Locked shared so a concurrent expiry or extension is seen before the call-off commits.
    const procurement = await tx.findOneOrFail(Procurement, {
      where: { id: agreement.procurementId },
      lock: { mode: 'pessimistic_read' },
    });
    if (!ProcurementPolicy.canSee(ctx, procurement))
      throw ProcurementError.AGREEMENT_NOT_FOUND({ field: 'input.agreementId' });
    const organization = await tx.findOneBy(Organization, { id: organizationId });
    if (!organization) throw ProcurementError.ORGANIZATION_NOT_FOUND({ field: 'input.organizationId' });
    if (!(await tx.existsBy(Participation, { procurementId: procurement.id, organizationId }))) {
      throw ProcurementError.NOT_PARTICIPATING({
        field: input.organizationId ? 'input.organizationId' : 'input.agreementId',
        params: { organization: organization.name },
      });
    }
    const current = await tx.findOneByOrFail(FrameworkAgreement, { id: agreement.id });
    const today = this.clock.today();
    // The worker expires agreements nightly; the end date rules even before it has run.
    if (procurement.status !== ProcurementStatus.ACTIVE || today < current.startsOn || today > current.endsOn) {
      throw ProcurementError.AGREEMENT_NOT_ACTIVE({
        field: 'input.agreementId',
        params: { status: procurement.status, startsOn: current.startsOn, endsOn: current.endsOn, today },
      });
    }
    const calledOffOn = input.calledOffOn ?? today;
    if (calledOffOn < current.startsOn || calledOffOn > current.endsOn || calledOffOn > today) {
      throw ProcurementError.DATE_OUTSIDE_VALIDITY({
        field: 'input.calledOffOn',
        params: { startsOn: current.startsOn, endsOn: current.endsOn },
      });
    }
    const lot = await tx.findOneBy(ProcurementLot, { id: input.lotId, procurementId: procurement.id });
    if (!lot) throw ProcurementError.LOT_NOT_FOUND({ field: 'input.lotId' });
    const awarded = await awardedSupplierIds(tx, agreement.id, lot.id, input.productId);
    if (awarded.length === 0) {
      if (!(await lotAwarded(tx, agreement.id, lot.id)))
        throw ProcurementError.LOT_NOT_AWARDED({ field: 'input.lotId' });
      throw ProcurementError.PRODUCT_NOT_IN_LOT({
        field: 'input.productId',
        params: { lot: `${lot.number} ${lot.name}` },
      });
    }
    return { agreement: current, lot, supplierId: awarded[0], calledOffOn };
  }

  /**
   * For the step after it (an implementation recorded for `organizationId` from a call-off): the call-off, only
   * if it is that organisation's own (FORBIDDEN otherwise: call-offs are listed on the agreement's card, so its
   * existence is no secret) under a procurement the caller may see, and the needs that procurement answers.
   */
  async forImplementation(
    ctx: RequestContext,
    tx: EntityManager,
    callOffId: string,
    organizationId: string,
    field: string,
  ): Promise<{ callOff: CallOff; needIds: string[] }> {
    const callOff = await tx.findOneBy(CallOff, { id: callOffId });
    const agreement = callOff && (await tx.findOneBy(FrameworkAgreement, { id: callOff.agreementId }));
    const procurement = agreement && (await tx.findOneBy(Procurement, { id: agreement.procurementId }));
    if (!callOff || !procurement || !ProcurementPolicy.canSee(ctx, procurement))
      throw ProcurementError.CALL_OFF_NOT_FOUND({ field });
    if (callOff.organizationId !== organizationId) {
      const owner = await tx.findOneBy(Organization, { id: callOff.organizationId });
      throw ProcurementError.CALL_OFF_OF_OTHER_ORGANIZATION({ field, params: { organization: owner?.name ?? '' } });
    }
    return { callOff, needIds: await procurementNeedIdsOrdered(tx, procurement.id) };
  }

  /**
   * The one place call-off warnings come from: each system the caller runs (of the kinds that matter for the
   * product's category) with which the product's current version is not known to be SUPPORTED.
   */
  private async compatibilityWarnings(
    ctx: RequestContext,
    organizationId: string,
    productId: string,
  ): Promise<CallOffWarning[]> {
    const { checks, missingKinds } = await this.compatibility.fitInLandscape(ctx, organizationId, productId);
    const warning = (
      code: CallOffWarningCode,
      params: ErrorParams,
      extra: Partial<CallOffWarning>,
    ): CallOffWarning => ({
      code,
      message: renderMessage(CALL_OFF_WARNINGS[code], ctx.lang, params),
      params,
      productId,
      ...extra,
    });
    return [
      ...missingKinds.map((kind) =>
        warning(
          'NO_SYSTEM_OF_KIND',
          { kind: kind.key, kindSv: kind.labelSv.toLowerCase(), kindEn: kind.labelEn.toLowerCase() },
          { kindKey: kind.key, systemId: null },
        ),
      ),
      ...checks.map((check) => {
        const params = {
          productVersion: check.productVersion ?? '?',
          systemName: check.systemName,
          systemVersion: check.systemVersion,
          status: check.status,
          note: check.note ? `: ${check.note}` : '',
        };
        return warning(
          check.status === CompatibilityStatus.UNKNOWN
            ? 'PRODUCT_COMPATIBILITY_UNKNOWN'
            : 'PRODUCT_NOT_SUPPORTED_WITH_SYSTEM',
          params,
          { systemId: check.systemId },
        );
      }),
    ];
  }
}
