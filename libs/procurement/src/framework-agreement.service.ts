import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { AuditService, Clock, Db, Organization, plusMonths, type RequestContext } from '#core';
import { Product, Supplier } from '#catalog';
import { NeedFollowService } from '#needs';
import { NotificationService } from '#notifications';
import { AwardedProduct, AwardedSupplier, ExtensionOption, FrameworkAgreement } from './framework-agreement.entity.js';
import { CallOff } from './call-off.entity.js';
import { Procurement } from './procurement.entity.js';
import { ProcurementLot } from './procurement-lot.entity.js';
import { ProcurementStatus } from './procurement.enums.js';
import { ProcurementError } from './procurement.errors.js';
import { ProcurementPolicy } from './procurement.policy.js';
import { ProcurementService } from './procurement.service.js';
import { AGREEMENT_IN_FORCE, ProcurementTransitions } from './procurement.workflow.js';
import type { AwardFrameworkAgreementInput, UseExtensionOptionInput } from './dto/award-framework-agreement.input.js';
import { callOffTotals, type CallOffTotalsRow, procurementAnsweredNeedIds } from './procurement.queries.js';

export interface CallOffTotals {
  count: number;
  quantity: number;
  valueSek: number;
}

@Injectable()
export class FrameworkAgreementService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly procurements: ProcurementService,
    private readonly needFollowers: NeedFollowService,
    private readonly notifications: NotificationService,
  ) {}

  /** Awards the framework agreement: TENDERING → AWARDED, with suppliers and products per lot. */
  async award(ctx: RequestContext, input: AwardFrameworkAgreementInput): Promise<FrameworkAgreement> {
    if (input.endsOn < input.startsOn) throw ProcurementError.DATES_INVALID({ field: 'input.endsOn' });
    const { agreement, notified } = await this.db.transaction(async (tx) => {
      const procurement = await this.procurements.lockForChange(ctx, tx, input.procurementId, 'input.procurementId');
      if (await tx.existsBy(FrameworkAgreement, { procurementId: procurement.id }))
        throw ProcurementError.ALREADY_AWARDED({ field: 'input.procurementId' });
      ProcurementTransitions.assert(procurement.status, ProcurementStatus.AWARDED, 'input.procurementId');
      if (!(await tx.existsBy(Organization, { id: input.followUpOrganizationId })))
        throw ProcurementError.ORGANIZATION_NOT_FOUND({ field: 'input.followUpOrganizationId' });

      const lotIds = new Set((await tx.findBy(ProcurementLot, { procurementId: procurement.id })).map((l) => l.id));
      const supplierIds = input.lots.flatMap((l) => l.suppliers.map((s) => s.supplierId));
      const productIds = input.lots.flatMap((l) => l.suppliers.flatMap((s) => s.productIds));
      const suppliers = new Set((await tx.findBy(Supplier, { id: In(supplierIds) })).map((s) => s.id));
      const products = new Map((await tx.findBy(Product, { id: In(productIds) })).map((p) => [p.id, p]));
      const seenLots = new Set<string>();
      input.lots.forEach((lot, i) => {
        if (!lotIds.has(lot.lotId)) throw ProcurementError.LOT_NOT_FOUND({ field: `input.lots.${i}.lotId` });
        if (seenLots.has(lot.lotId)) throw ProcurementError.DUPLICATE_LOT({ field: `input.lots.${i}.lotId` });
        seenLots.add(lot.lotId);
        const rankings = new Set<number>();
        const lotSuppliers = new Set<string>();
        lot.suppliers.forEach((s, j) => {
          const at = `input.lots.${i}.suppliers.${j}`;
          if (!suppliers.has(s.supplierId)) throw ProcurementError.SUPPLIER_NOT_FOUND({ field: `${at}.supplierId` });
          if (lotSuppliers.has(s.supplierId)) throw ProcurementError.DUPLICATE_SUPPLIER({ field: `${at}.supplierId` });
          if (rankings.has(s.ranking))
            throw ProcurementError.DUPLICATE_RANKING({ field: `${at}.ranking`, params: { ranking: s.ranking } });
          lotSuppliers.add(s.supplierId);
          rankings.add(s.ranking);
          s.productIds.forEach((productId, k) => {
            const product = products.get(productId);
            if (!product) throw ProcurementError.PRODUCT_NOT_FOUND({ field: `${at}.productIds.${k}` });
            if (product.supplierId !== s.supplierId)
              throw ProcurementError.PRODUCT_OF_OTHER_SUPPLIER({ field: `${at}.productIds.${k}` });
          });
        });
      });

      const agreement = tx.create(FrameworkAgreement, {
        procurementId: procurement.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        callOffMethod: input.callOffMethod,
        followUpOrganizationId: input.followUpOrganizationId,
        followUpContactName: input.followUpContactName,
        followUpContactEmail: input.followUpContactEmail.toLowerCase(),
        awardedAt: this.clock.now(),
        awardedByUserId: ctx.auditUserId,
      });
      await tx.insert(FrameworkAgreement, agreement);
      if (input.extensionOptions.length) {
        await tx.insert(
          ExtensionOption,
          input.extensionOptions.map((o, i) => ({
            agreementId: agreement.id,
            number: i + 1,
            months: o.months,
            usedAt: null,
            usedByUserId: null,
          })),
        );
      }
      for (const lot of input.lots) {
        for (const s of lot.suppliers) {
          const awarded = tx.create(AwardedSupplier, {
            agreementId: agreement.id,
            lotId: lot.lotId,
            supplierId: s.supplierId,
            ranking: s.ranking,
          });
          await tx.insert(AwardedSupplier, awarded);
          await tx.insert(
            AwardedProduct,
            s.productIds.map((productId) => ({ awardedSupplierId: awarded.id, productId })),
          );
        }
      }
      await this.procurements.transition(ctx, tx, procurement, ProcurementStatus.AWARDED, null);
      await this.audit.record(ctx, tx, {
        action: 'frameworkAgreement.awarded',
        entityType: 'FrameworkAgreement',
        entityId: agreement.id,
        after: {
          ...agreement,
          followUpContactName: undefined,
          followUpContactEmail: undefined,
          extensionOptions: input.extensionOptions,
          lots: input.lots,
        },
      });
      const needIds = await procurementAnsweredNeedIds(tx, procurement.id);
      const notified = await this.needFollowers.tell(tx, needIds, {
        kind: 'need.procurementAwarded',
        eventKey: agreement.id,
        text: { procurementTitle: procurement.title, startsOn: input.startsOn, endsOn: input.endsOn },
        entityType: 'FrameworkAgreement',
        entityId: agreement.id,
      });
      return { agreement, notified };
    });
    await this.notifications.dispatch(notified);
    return agreement;
  }

  /** Uses an extension option: the agreement's end moves by the option's months. */
  async useExtensionOption(ctx: RequestContext, input: UseExtensionOptionInput): Promise<FrameworkAgreement> {
    return this.db.transaction(async (tx) => {
      const found = await tx.findOneBy(FrameworkAgreement, { id: input.agreementId });
      if (!found) throw ProcurementError.AGREEMENT_NOT_FOUND({ field: 'input.agreementId' });
      const procurement = await this.procurements.lockForChange(ctx, tx, found.procurementId, 'input.agreementId');
      if (!AGREEMENT_IN_FORCE.includes(procurement.status))
        throw ProcurementError.AGREEMENT_NOT_IN_FORCE({
          field: 'input.agreementId',
          params: { status: procurement.status },
        });
      const agreement = await tx.findOneOrFail(FrameworkAgreement, {
        where: { id: found.id },
        lock: { mode: 'pessimistic_write' },
      });
      // An option is used before the agreement ends, even if the nightly expiry has not run yet.
      if (this.clock.today() > agreement.endsOn)
        throw ProcurementError.AGREEMENT_NOT_IN_FORCE({
          field: 'input.agreementId',
          params: { status: ProcurementStatus.EXPIRED },
        });
      const option = await tx.findOne(ExtensionOption, {
        where: { id: input.optionId, agreementId: agreement.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!option) throw ProcurementError.EXTENSION_NOT_FOUND({ field: 'input.optionId' });
      if (option.usedAt) throw ProcurementError.EXTENSION_USED({ field: 'input.optionId' });
      const before = { endsOn: agreement.endsOn };
      agreement.endsOn = plusMonths(agreement.endsOn, option.months);
      await tx.update(FrameworkAgreement, { id: agreement.id }, { endsOn: agreement.endsOn });
      await tx.update(ExtensionOption, { id: option.id }, { usedAt: this.clock.now(), usedByUserId: ctx.auditUserId });
      await this.audit.record(ctx, tx, {
        action: 'frameworkAgreement.extended',
        entityType: 'FrameworkAgreement',
        entityId: agreement.id,
        before,
        after: { endsOn: agreement.endsOn, optionId: option.id, months: option.months },
      });
      return agreement;
    });
  }

  async get(ctx: RequestContext, id: string, field = 'id'): Promise<FrameworkAgreement> {
    const agreement = await this.load(ctx, id);
    if (!agreement) throw ProcurementError.AGREEMENT_NOT_FOUND({ field });
    const procurement = await this.procurements.load(ctx, agreement.procurementId);
    if (!procurement || !ProcurementPolicy.canSee(ctx, procurement))
      throw ProcurementError.AGREEMENT_NOT_FOUND({ field });
    return agreement;
  }

  load(ctx: RequestContext, id: string): Promise<FrameworkAgreement | null> {
    return ctx.loaders
      .byKey<string, FrameworkAgreement>(
        'frameworkAgreement',
        (ids) => this.db.manager.findBy(FrameworkAgreement, { id: In([...ids]) }),
        (a) => a.id,
      )
      .load(id);
  }

  ofProcurement(ctx: RequestContext, procurementId: string): Promise<FrameworkAgreement | null> {
    return ctx.loaders
      .byKey<string, FrameworkAgreement>(
        'frameworkAgreementByProcurement',
        (ids) => this.db.manager.findBy(FrameworkAgreement, { procurementId: In([...ids]) }),
        (a) => a.procurementId,
      )
      .load(procurementId);
  }

  async procurementOf(ctx: RequestContext, agreement: FrameworkAgreement): Promise<Procurement> {
    return (await this.procurements.load(ctx, agreement.procurementId))!;
  }

  extensionOptionsOf(ctx: RequestContext, agreementId: string): Promise<ExtensionOption[]> {
    return ctx.loaders
      .manyByKey<string, ExtensionOption>(
        'extensionOptions',
        (ids) =>
          this.db.manager.find(ExtensionOption, { where: { agreementId: In([...ids]) }, order: { number: 'ASC' } }),
        (o) => o.agreementId,
      )
      .load(agreementId);
  }

  /** The lots awarded in the agreement (a lot may stay unawarded). */
  async awardedLotsOf(ctx: RequestContext, agreement: FrameworkAgreement): Promise<ProcurementLot[]> {
    const [lots, awarded] = await Promise.all([
      this.procurements.lotsOf(ctx, agreement.procurementId),
      this.suppliersOfAgreement(ctx, agreement.id),
    ]);
    const awardedLotIds = new Set(awarded.map((a) => a.lotId));
    return lots.filter((l) => awardedLotIds.has(l.id));
  }

  suppliersOfAgreement(ctx: RequestContext, agreementId: string): Promise<AwardedSupplier[]> {
    return ctx.loaders
      .manyByKey<string, AwardedSupplier>(
        'awardedSuppliersByAgreement',
        (ids) =>
          this.db.manager.find(AwardedSupplier, { where: { agreementId: In([...ids]) }, order: { ranking: 'ASC' } }),
        (a) => a.agreementId,
      )
      .load(agreementId);
  }

  suppliersOfLot(ctx: RequestContext, lotId: string): Promise<AwardedSupplier[]> {
    return ctx.loaders
      .manyByKey<string, AwardedSupplier>(
        'awardedSuppliersByLot',
        (ids) => this.db.manager.find(AwardedSupplier, { where: { lotId: In([...ids]) }, order: { ranking: 'ASC' } }),
        (a) => a.lotId,
      )
      .load(lotId);
  }

  async productIdsOf(ctx: RequestContext, awardedSupplierId: string): Promise<string[]> {
    const rows = await ctx.loaders
      .manyByKey<string, AwardedProduct>(
        'awardedProducts',
        (ids) => this.db.manager.findBy(AwardedProduct, { awardedSupplierId: In([...ids]) }),
        (p) => p.awardedSupplierId,
      )
      .load(awardedSupplierId);
    return rows.map((r) => r.productId);
  }

  callOffsOf(ctx: RequestContext, agreementId: string): Promise<CallOff[]> {
    return ctx.loaders
      .manyByKey<string, CallOff>(
        'callOffsByAgreement',
        (ids) =>
          this.db.manager.find(CallOff, {
            where: { agreementId: In([...ids]) },
            order: { calledOffOn: 'ASC', createdAt: 'ASC' },
          }),
        (c) => c.agreementId,
      )
      .load(agreementId);
  }

  async callOffTotalsOf(ctx: RequestContext, agreementId: string): Promise<CallOffTotals> {
    const rows = await ctx.loaders
      .byKey<string, CallOffTotalsRow>(
        'callOffTotals',
        (ids) => callOffTotals(this.db.manager, [...ids]),
        (r) => r.agreementId,
      )
      .load(agreementId);
    return {
      count: Number(rows?.count ?? 0),
      quantity: Number(rows?.quantity ?? 0),
      valueSek: Number(rows?.valueSek ?? 0),
    };
  }
}
