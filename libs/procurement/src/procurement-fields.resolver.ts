import { Field, Float, Int, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, Organization, OrganizationService, type RequestContext } from '#core';
import { Product, ProductService, Supplier, TechnologyCategory, TechnologyCategoryService } from '#catalog';
import { Procurement } from './procurement.entity.js';
import { ProcurementLot } from './procurement-lot.entity.js';
import { RequirementSpecificationVersion } from './requirement-specification-version.entity.js';
import { ProcurementStatusChange } from './procurement-status-change.entity.js';
import { Participation, ParticipationLotVolume } from './participation.entity.js';
import { AwardedSupplier, ExtensionOption, FrameworkAgreement } from './framework-agreement.entity.js';
import { CallOff } from './call-off.entity.js';
import { ProcurementStatus } from './procurement.enums.js';
import { ProcurementService } from './procurement.service.js';
import { ParticipationService } from './participation.service.js';
import { FrameworkAgreementService } from './framework-agreement.service.js';

@ObjectType({ description: 'Call-offs under an agreement so far.' })
export class CallOffTotals {
  @Field(() => Int)
  count: number;

  @Field(() => Int)
  quantity: number;

  @Field(() => Float, { description: 'SEK excluding VAT.' })
  valueSek: number;
}

@Resolver(() => Procurement)
export class ProcurementFieldsResolver {
  constructor(
    private readonly procurements: ProcurementService,
    private readonly participations: ParticipationService,
    private readonly agreements: FrameworkAgreementService,
    private readonly categories: TechnologyCategoryService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => TechnologyCategory)
  category(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.categories.load(ctx, p.categoryId);
  }

  @ResolveField(() => Organization)
  leadOrganization(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.organizations.load(ctx, p.leadOrganizationId);
  }

  @ResolveField(() => [ProcurementLot])
  lots(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.procurements.lotsOf(ctx, p.id);
  }

  @ResolveField(() => [RequirementSpecificationVersion], { description: 'Every published version, oldest first.' })
  requirementSpecifications(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.procurements.specificationVersionsOf(ctx, p.id);
  }

  @ResolveField(() => [Participation])
  participants(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.participations.participantsOf(ctx, p.id);
  }

  @ResolveField(() => FrameworkAgreement, { nullable: true })
  frameworkAgreement(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.agreements.ofProcurement(ctx, p.id);
  }

  @ResolveField(() => [ProcurementStatusChange], { description: 'Every transition and who made it.' })
  statusHistory(@Ctx() ctx: RequestContext, @Parent() p: Procurement) {
    return this.procurements.statusHistoryOf(ctx, p.id);
  }
}

@Resolver(() => ProcurementLot)
export class ProcurementLotFieldsResolver {
  constructor(private readonly agreements: FrameworkAgreementService) {}

  @ResolveField(() => [AwardedSupplier], { description: 'Awarded suppliers by ranking (empty before award).' })
  awardedSuppliers(@Ctx() ctx: RequestContext, @Parent() lot: ProcurementLot) {
    return this.agreements.suppliersOfLot(ctx, lot.id);
  }
}

@Resolver(() => Participation)
export class ParticipationFieldsResolver {
  constructor(
    private readonly participations: ParticipationService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() p: Participation) {
    return this.organizations.load(ctx, p.organizationId);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Visible to node staff, the lead organisation and the participant itself.',
  })
  async contactName(@Ctx() ctx: RequestContext, @Parent() p: Participation) {
    return (await this.participations.contactOf(ctx, p))?.name ?? null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Visible to node staff, the lead organisation and the participant itself.',
  })
  async contactEmail(@Ctx() ctx: RequestContext, @Parent() p: Participation) {
    return (await this.participations.contactOf(ctx, p))?.email ?? null;
  }

  @ResolveField(() => [ParticipationLotVolume])
  volumes(@Ctx() ctx: RequestContext, @Parent() p: Participation) {
    return this.participations.volumesOf(ctx, p.id);
  }
}

@Resolver(() => ParticipationLotVolume)
export class ParticipationLotVolumeFieldsResolver {
  constructor(private readonly procurements: ProcurementService) {}

  @ResolveField(() => ProcurementLot)
  lot(@Ctx() ctx: RequestContext, @Parent() v: ParticipationLotVolume) {
    return this.procurements.loadLot(ctx, v.lotId);
  }
}

@Resolver(() => AwardedSupplier)
export class AwardedSupplierFieldsResolver {
  constructor(
    private readonly agreements: FrameworkAgreementService,
    private readonly productService: ProductService,
  ) {}

  @ResolveField(() => Supplier)
  supplier(@Ctx() ctx: RequestContext, @Parent() a: AwardedSupplier) {
    return this.productService.loadSupplier(ctx, a.supplierId);
  }

  @ResolveField(() => [Product])
  async products(@Ctx() ctx: RequestContext, @Parent() a: AwardedSupplier) {
    const ids = await this.agreements.productIdsOf(ctx, a.id);
    return Promise.all(ids.map((id) => this.productService.load(ctx, id)));
  }
}

@Resolver(() => FrameworkAgreement)
export class FrameworkAgreementFieldsResolver {
  constructor(
    private readonly agreements: FrameworkAgreementService,
    private readonly participations: ParticipationService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => Procurement)
  procurement(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.agreements.procurementOf(ctx, a);
  }

  @ResolveField(() => ProcurementStatus, {
    description: "The procurement's status: AWARDED, ACTIVE, EXPIRED (or CANCELLED).",
  })
  async status(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return (await this.agreements.procurementOf(ctx, a)).status;
  }

  @ResolveField(() => [ProcurementLot], { description: 'The awarded lots; each lists its suppliers and products.' })
  lots(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.agreements.awardedLotsOf(ctx, a);
  }

  @ResolveField(() => [ExtensionOption])
  extensionOptions(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.agreements.extensionOptionsOf(ctx, a.id);
  }

  @ResolveField(() => Organization)
  followUpOrganization(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.organizations.load(ctx, a.followUpOrganizationId);
  }

  @ResolveField(() => [Participation])
  participants(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.participations.participantsOf(ctx, a.procurementId);
  }

  @ResolveField(() => [CallOff])
  callOffs(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.agreements.callOffsOf(ctx, a.id);
  }

  @ResolveField(() => CallOffTotals)
  callOffTotals(@Ctx() ctx: RequestContext, @Parent() a: FrameworkAgreement) {
    return this.agreements.callOffTotalsOf(ctx, a.id);
  }
}

@Resolver(() => CallOff)
export class CallOffFieldsResolver {
  constructor(
    private readonly procurements: ProcurementService,
    private readonly products: ProductService,
    private readonly organizations: OrganizationService,
  ) {}

  @ResolveField(() => Organization)
  organization(@Ctx() ctx: RequestContext, @Parent() c: CallOff) {
    return this.organizations.load(ctx, c.organizationId);
  }

  @ResolveField(() => Product)
  product(@Ctx() ctx: RequestContext, @Parent() c: CallOff) {
    return this.products.load(ctx, c.productId);
  }

  @ResolveField(() => Supplier)
  supplier(@Ctx() ctx: RequestContext, @Parent() c: CallOff) {
    return this.products.loadSupplier(ctx, c.supplierId);
  }

  @ResolveField(() => ProcurementLot)
  lot(@Ctx() ctx: RequestContext, @Parent() c: CallOff) {
    return this.procurements.loadLot(ctx, c.lotId);
  }
}
