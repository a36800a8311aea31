import type { TestApi } from './test-api.js';

export const CREATE_PROCUREMENT = `mutation($i: CreateProcurementInput!) { createProcurement(input: $i) { id status title participationOpensOn participationClosesOn lots { id number name } category { key } leadOrganization { name } } }`;
export const CHANGE_STATUS = `mutation($i: ChangeProcurementStatusInput!) { changeProcurementStatus(input: $i) { id status } }`;
export const PUBLISH_SPEC = `mutation($i: PublishRequirementSpecificationInput!) { publishRequirementSpecification(input: $i) { version summary documentUrls } }`;
export const JOIN = `mutation($i: JoinProcurementInput!) { joinProcurement(input: $i) { id organization { code } volumes { estimatedVolume lot { number } } } }`;
export const CHANGE_PARTICIPATION = `mutation($i: JoinProcurementInput!) { changeParticipation(input: $i) { id volumes { estimatedVolume lot { number } } } }`;
export const WITHDRAW = `mutation($i: WithdrawParticipationInput!) { withdrawParticipation(input: $i) { id } }`;
export const AWARD = `mutation($i: AwardFrameworkAgreementInput!) { awardFrameworkAgreement(input: $i) { id startsOn endsOn callOffMethod status extensionOptions { id months used } } }`;
export const USE_EXTENSION = `mutation($i: UseExtensionOptionInput!) { useExtensionOption(input: $i) { id endsOn extensionOptions { months used } } }`;
export const CALL_OFF = `mutation($i: CreateCallOffInput!) { createCallOff(input: $i) { callOff { id quantity valueSek calledOffOn method organization { code } product { name } supplier { name } lot { number } } warnings { code message productId } } }`;

/** A joint procurement of mobile safety alarms with two lots, open for joining in the given window. */
export function mobileAlarmProcurement(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Gemensam upphandling av mobila trygghetslarm',
    description: 'Mobila trygghetslarm med GPS för hemtjänst och särskilt boende.',
    category: 'MOBILE_SAFETY_ALARM',
    procedure: 'OPEN',
    kind: 'FUNCTION',
    estimatedValueSek: 4_500_000,
    participationOpensOn: '2026-11-23',
    participationClosesOn: '2026-12-15',
    lots: [
      { name: 'Mobila trygghetslarm med GPS', description: 'Larm som fungerar utomhus med positionering.' },
      { name: 'Mobila larm i särskilt boende', description: 'Larm inomhus med personalsökning.' },
    ],
    ...overrides,
  };
}

export interface AlarmCatalog {
  supplierA: string;
  supplierB: string;
  /** Supplier A, awarded in lot 1. */
  gpsAlarm: string;
  /** Supplier B, awarded in lot 1 (ranking 2). */
  otherGpsAlarm: string;
  /** Supplier A, awarded in lot 2 only. */
  indoorAlarm: string;
}

/** Two suppliers and three mobile safety alarm products in the catalogue. */
export async function alarmCatalog(api: TestApi, staffToken: string): Promise<AlarmCatalog> {
  const tag = Math.random().toString(36).slice(2, 8);
  const supplier = async (name: string) =>
    (
      await api.gql(
        `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`,
        { i: { name: `${name} ${tag}`, organizationNumber: '556000-0000' } },
        { token: staffToken },
      )
    ).data!.createSupplier.id as string;
  const product = async (supplierId: string, name: string) =>
    (
      await api.gql(
        `mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`,
        { i: { category: 'MOBILE_SAFETY_ALARM', supplierId, name, model: tag } },
        { token: staffToken },
      )
    ).data!.createProduct.id as string;
  const supplierA = await supplier('Trygga Larm AB');
  const supplierB = await supplier('Nordlarm AB');
  return {
    supplierA,
    supplierB,
    gpsAlarm: await product(supplierA, 'GoSafe GPS'),
    otherGpsAlarm: await product(supplierB, 'Nordlarm Mobil'),
    indoorAlarm: await product(supplierA, 'GoSafe Inne'),
  };
}
