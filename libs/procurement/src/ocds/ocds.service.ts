import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock, Db, Organization, type RequestContext, startOfCalendarDate } from '#core';
import { Product, Supplier } from '#catalog';
import { Procurement } from '../procurement.entity.js';
import { ProcurementLot } from '../procurement-lot.entity.js';
import { RequirementSpecificationVersion } from '../requirement-specification-version.entity.js';
import { Participation } from '../participation.entity.js';
import { AwardedProduct, AwardedSupplier, FrameworkAgreement } from '../framework-agreement.entity.js';
import { CallOff } from '../call-off.entity.js';
import { CallOffMethod, ProcurementKind, ProcurementProcedure, ProcurementStatus } from '../procurement.enums.js';
import { ProcurementError } from '../procurement.errors.js';
import { ProcurementPolicy } from '../procurement.policy.js';

/** Our ocid prefix. A registered prefix from the Open Contracting Partnership replaces it when Noden publishes for real. */
export const OCID_PREFIX = 'ocds-noden-';
export const OCDS_PUBLISHER = { name: 'Noden – samverkansnod för välfärdsteknik i Sörmland' };
/** Where the packages are published; the api has no public base URL setting yet. */
export const OCDS_BASE_URI = 'https://noden.sormland.se/ocds/procurements/';
const OCDS_EXTENSIONS = [
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_techniques_extension/master/extension.json',
];

const METHOD: Record<ProcurementProcedure, 'open' | 'selective' | 'limited' | 'direct'> = {
  [ProcurementProcedure.OPEN]: 'open',
  [ProcurementProcedure.SIMPLIFIED]: 'open',
  [ProcurementProcedure.RESTRICTED]: 'selective',
  [ProcurementProcedure.COMPETITIVE_DIALOGUE]: 'selective',
  [ProcurementProcedure.INNOVATION_PARTNERSHIP]: 'selective',
  [ProcurementProcedure.NEGOTIATED]: 'limited',
  [ProcurementProcedure.DIRECT_AWARD]: 'direct',
};

const METHOD_DETAILS: Record<ProcurementProcedure, string> = {
  [ProcurementProcedure.OPEN]: 'Öppet förfarande (LOU)',
  [ProcurementProcedure.SIMPLIFIED]: 'Förenklat förfarande (LOU 19 kap.)',
  [ProcurementProcedure.RESTRICTED]: 'Selektivt förfarande (LOU)',
  [ProcurementProcedure.COMPETITIVE_DIALOGUE]: 'Konkurrenspräglad dialog (LOU)',
  [ProcurementProcedure.INNOVATION_PARTNERSHIP]: 'Innovationspartnerskap (LOU)',
  [ProcurementProcedure.NEGOTIATED]: 'Förhandlat förfarande (LOU)',
  [ProcurementProcedure.DIRECT_AWARD]: 'Direktupphandling (LOU 19 kap. 12 §)',
};

const TENDER_STATUS: Record<ProcurementStatus, string> = {
  [ProcurementStatus.PLANNED]: 'planning',
  [ProcurementStatus.OPEN_FOR_PARTICIPATION]: 'active',
  [ProcurementStatus.TENDERING]: 'active',
  [ProcurementStatus.AWARDED]: 'complete',
  [ProcurementStatus.ACTIVE]: 'complete',
  [ProcurementStatus.EXPIRED]: 'complete',
  [ProcurementStatus.CANCELLED]: 'cancelled',
};

const CONTRACT_STATUS: Partial<Record<ProcurementStatus, string>> = {
  [ProcurementStatus.AWARDED]: 'pending',
  [ProcurementStatus.ACTIVE]: 'active',
  [ProcurementStatus.EXPIRED]: 'terminated',
  [ProcurementStatus.CANCELLED]: 'cancelled',
};

type Json = Record<string, unknown>;

/** `date` columns as OCDS date-times: the start of the Swedish calendar day, with its offset (+01:00 or +02:00). */
function dateTime(isoDate: string): string {
  const offsetMinutes = (Date.parse(`${isoDate}T00:00:00Z`) - startOfCalendarDate(isoDate).getTime()) / 60_000;
  return `${isoDate}T00:00:00+${String(Math.floor(offsetMinutes / 60)).padStart(2, '0')}:${String(offsetMinutes % 60).padStart(2, '0')}`;
}

function orgParty(org: Organization, roles: string[]): Json {
  return {
    id: `org-${org.id}`,
    name: org.name,
    roles,
    ...(org.code ? { identifier: { scheme: 'SE-SCB', id: org.code, legalName: org.name } } : {}),
  };
}

function supplierParty(supplier: Supplier, roles: string[]): Json {
  return {
    id: `supplier-${supplier.id}`,
    name: supplier.name,
    roles,
    ...(supplier.organizationNumber
      ? { identifier: { scheme: 'SE-BLV', id: supplier.organizationNumber, legalName: supplier.name } }
      : {}),
  };
}

function productDescription(product: Product): string {
  return product.model ? `${product.name} ${product.model}` : product.name;
}

/**
 * The Open Contracting export: the joint procurement and its framework agreement as one contracting process
 * (`tender.techniques.hasFrameworkAgreement`), and each call-off as its own process pointing back to it with
 * `relatedProcesses[].relationship = ['framework']`.
 */
@Injectable()
export class OcdsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  ocidOf(id: string): string {
    return `${OCID_PREFIX}${id}`;
  }

  /** Published (past PLANNED) procurements are open data; a PLANNED one only for those who may see it. */
  async releasePackage(ctx: RequestContext, procurementId: string): Promise<Json> {
    const m = this.db.manager;
    const procurement = await m.findOneBy(Procurement, { id: procurementId });
    if (!procurement || !ProcurementPolicy.canSee(ctx, procurement)) throw ProcurementError.NOT_FOUND({ field: 'id' });
    const [lots, specs, participations, agreement] = await Promise.all([
      m.find(ProcurementLot, { where: { procurementId }, order: { number: 'ASC' } }),
      m.find(RequirementSpecificationVersion, { where: { procurementId }, order: { version: 'ASC' } }),
      m.find(Participation, { where: { procurementId }, order: { joinedAt: 'ASC' } }),
      m.findOneBy(FrameworkAgreement, { procurementId }),
    ]);
    const awarded = agreement
      ? await m.find(AwardedSupplier, { where: { agreementId: agreement.id }, order: { ranking: 'ASC' } })
      : [];
    const awardedProducts = awarded.length
      ? await m.findBy(AwardedProduct, { awardedSupplierId: In(awarded.map((a) => a.id)) })
      : [];
    const callOffs = agreement
      ? await m.find(CallOff, { where: { agreementId: agreement.id }, order: { calledOffOn: 'ASC', createdAt: 'ASC' } })
      : [];
    const orgIds = [
      procurement.leadOrganizationId,
      ...participations.map((p) => p.organizationId),
      ...callOffs.map((c) => c.organizationId),
    ];
    const supplierIds = [...awarded.map((a) => a.supplierId), ...callOffs.map((c) => c.supplierId)];
    const productIds = [...awardedProducts.map((p) => p.productId), ...callOffs.map((c) => c.productId)];
    const [orgs, suppliers, products] = await Promise.all([
      m.findBy(Organization, { id: In([...new Set(orgIds)]) }),
      supplierIds.length ? m.findBy(Supplier, { id: In([...new Set(supplierIds)]) }) : [],
      productIds.length ? m.findBy(Product, { id: In([...new Set(productIds)]) }) : [],
    ]);
    const org = new Map(orgs.map((o) => [o.id, o]));
    const supplier = new Map(suppliers.map((s) => [s.id, s]));
    const product = new Map(products.map((p) => [p.id, p]));
    const lotRef = new Map(lots.map((l) => [l.id, `lot-${l.number}`]));
    const lead = org.get(procurement.leadOrganizationId)!;
    const frameworkOcid = this.ocidOf(procurement.id);

    const parties: Json[] = [orgParty(lead, ['buyer', 'procuringEntity'])];
    for (const p of participations)
      if (p.organizationId !== lead.id) parties.push(orgParty(org.get(p.organizationId)!, ['buyer']));
    for (const id of new Set(awarded.map((a) => a.supplierId)))
      parties.push(supplierParty(supplier.get(id)!, ['supplier', 'tenderer']));

    const contractStatus = CONTRACT_STATUS[procurement.status] ?? 'pending';
    const awards = agreement
      ? awarded.map((a) => ({
          id: `award-${a.id}`,
          title: `Ramavtal delområde ${lots.find((l) => l.id === a.lotId)?.number}: rangordning ${a.ranking}`,
          status: procurement.status === ProcurementStatus.CANCELLED ? 'cancelled' : 'active',
          date: agreement.awardedAt.toISOString(),
          suppliers: [{ id: `supplier-${a.supplierId}`, name: supplier.get(a.supplierId)!.name }],
          items: awardedProducts
            .filter((p) => p.awardedSupplierId === a.id)
            .map((p) => ({
              id: p.productId,
              description: productDescription(product.get(p.productId)!),
              relatedLot: lotRef.get(a.lotId),
            })),
          relatedLots: [lotRef.get(a.lotId)],
          contractPeriod: { startDate: dateTime(agreement.startsOn), endDate: dateTime(agreement.endsOn) },
        }))
      : [];

    const framework: Json = {
      ocid: frameworkOcid,
      id: `${frameworkOcid}-${procurement.updatedAt.getTime()}`,
      date: procurement.updatedAt.toISOString(),
      tag: this.tagsOf(procurement.status),
      initiationType: 'tender',
      language: 'sv',
      parties,
      buyer: { id: `org-${lead.id}`, name: lead.name },
      tender: {
        id: procurement.id,
        title: procurement.title,
        ...(procurement.description ? { description: procurement.description } : {}),
        status: TENDER_STATUS[procurement.status],
        procuringEntity: { id: `org-${lead.id}`, name: lead.name },
        procurementMethod: METHOD[procurement.procedure],
        procurementMethodDetails: METHOD_DETAILS[procurement.procedure],
        mainProcurementCategory: 'goods',
        ...(procurement.kind === ProcurementKind.FUNCTION
          ? { awardCriteriaDetails: 'Funktionsupphandling: kraven beskriver funktioner, inte produkter.' }
          : {}),
        ...(procurement.estimatedValueSek != null
          ? { value: { amount: procurement.estimatedValueSek, currency: 'SEK' } }
          : {}),
        documents: specs.flatMap((s) =>
          s.documentUrls.map((url, i) => ({
            id: `spec-${s.version}-${i + 1}`,
            documentType: 'technicalSpecifications',
            title: `Kravspecifikation version ${s.version}`,
            description: s.summary,
            url,
            datePublished: s.publishedAt.toISOString(),
          })),
        ),
        lots: lots.map((l) => ({
          id: `lot-${l.number}`,
          title: l.name,
          ...(l.description ? { description: l.description } : {}),
          status: TENDER_STATUS[procurement.status],
        })),
        techniques: { hasFrameworkAgreement: true },
        ...(agreement
          ? { contractPeriod: { startDate: dateTime(agreement.startsOn), endDate: dateTime(agreement.endsOn) } }
          : {}),
      },
      awards,
      contracts: agreement
        ? awarded.map((a) => ({
            id: `contract-${a.id}`,
            awardID: `award-${a.id}`,
            title: `Ramavtal: ${procurement.title}`,
            status: contractStatus,
            period: { startDate: dateTime(agreement.startsOn), endDate: dateTime(agreement.endsOn) },
            relatedLots: [lotRef.get(a.lotId)],
          }))
        : [],
    };

    const callOffReleases = callOffs.map((c) => {
      const ocid = this.ocidOf(c.id);
      const buyer = org.get(c.organizationId)!;
      const seller = supplier.get(c.supplierId)!;
      const item = {
        id: c.productId,
        description: productDescription(product.get(c.productId)!),
        quantity: c.quantity,
        relatedLot: lotRef.get(c.lotId),
      };
      const value = { amount: c.valueSek, currency: 'SEK' };
      return {
        ocid,
        id: `${ocid}-${c.createdAt.getTime()}`,
        date: c.createdAt.toISOString(),
        tag: ['award', 'contract'],
        initiationType: 'tender',
        language: 'sv',
        parties: [orgParty(buyer, ['buyer']), supplierParty(seller, ['supplier'])],
        buyer: { id: `org-${buyer.id}`, name: buyer.name },
        tender: {
          id: `${c.id}-tender`,
          title: `Avrop: ${procurement.title}`,
          status: 'complete',
          procurementMethod: c.method === CallOffMethod.RENEWED_COMPETITION ? 'selective' : 'limited',
          procurementMethodDetails:
            c.method === CallOffMethod.RENEWED_COMPETITION
              ? 'Avrop efter förnyad konkurrensutsättning'
              : 'Avrop enligt rangordning',
        },
        awards: [
          {
            id: `award-${c.id}`,
            status: 'active',
            date: dateTime(c.calledOffOn),
            value,
            suppliers: [{ id: `supplier-${seller.id}`, name: seller.name }],
            items: [item],
          },
        ],
        contracts: [
          {
            id: `contract-${c.id}`,
            awardID: `award-${c.id}`,
            status: 'active',
            value,
            items: [item],
            dateSigned: dateTime(c.calledOffOn),
          },
        ],
        relatedProcesses: [
          { id: '1', relationship: ['framework'], title: procurement.title, scheme: 'ocid', identifier: frameworkOcid },
        ],
      };
    });

    return {
      uri: `${OCDS_BASE_URI}${procurement.id}`,
      version: '1.1',
      extensions: OCDS_EXTENSIONS,
      publishedDate: this.clock.now().toISOString(),
      publisher: OCDS_PUBLISHER,
      releases: [framework, ...callOffReleases],
    };
  }

  private tagsOf(status: ProcurementStatus): string[] {
    switch (status) {
      case ProcurementStatus.PLANNED:
        return ['planning'];
      case ProcurementStatus.OPEN_FOR_PARTICIPATION:
      case ProcurementStatus.TENDERING:
        return ['tender'];
      case ProcurementStatus.CANCELLED:
        return ['tenderCancellation'];
      default:
        return ['tender', 'award', 'contract'];
    }
  }
}
