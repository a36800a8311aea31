import { randomUUID } from 'node:crypto';
import type { TestApi } from './test-api.js';
import type { TestUser } from './builders.js';

/** Catalogue data through the API, as node staff would enter it. Names get a suffix so test files never clash. */
export async function createSupplier(api: TestApi, staff: TestUser, name = 'Leverantör'): Promise<string> {
  const response = await api.gql(
    `mutation($i: CreateSupplierInput!) { createSupplier(input: $i) { id } }`,
    { i: { name: `${name} ${randomUUID().slice(0, 8)}` } },
    { token: staff.token },
  );
  if (!response.data?.createSupplier) throw new Error(JSON.stringify(response.errors));
  return response.data.createSupplier.id;
}

export async function createProduct(
  api: TestApi,
  staff: TestUser,
  category: string,
  name: string,
  versions: string[],
  supplierId?: string,
): Promise<string> {
  const response = await api.gql(
    `mutation($i: CreateProductInput!) { createProduct(input: $i) { id } }`,
    {
      i: {
        category,
        supplierId: supplierId ?? (await createSupplier(api, staff)),
        name: `${name} ${randomUUID().slice(0, 8)}`,
        versions: versions.map((version) => ({ version })),
      },
    },
    { token: staff.token },
  );
  if (!response.data?.createProduct) throw new Error(JSON.stringify(response.errors));
  return response.data.createProduct.id;
}

export async function createSystem(
  api: TestApi,
  staff: TestUser,
  kind: string,
  name: string,
  versions: string[],
): Promise<string> {
  const response = await api.gql(
    `mutation($i: CreateSystemInput!) { createSystem(input: $i) { id } }`,
    {
      i: {
        kind,
        name: `${name} ${randomUUID().slice(0, 8)}`,
        vendorName: 'Leverantör AB',
        versions: versions.map((version) => ({ version })),
      },
    },
    { token: staff.token },
  );
  if (!response.data?.createSystem) throw new Error(JSON.stringify(response.errors));
  return response.data.createSystem.id;
}

export const ASSERT = `mutation($i: AssertCompatibilityInput!) { assertCompatibility(input: $i) { id status evidence current productVersions systemVersions } }`;

export interface StatementInput {
  productId: string;
  productVersions?: string;
  systemId?: string;
  systemVersions?: string;
  standardId?: string;
  status: 'SUPPORTED' | 'PARTIAL' | 'NOT_SUPPORTED' | 'UNKNOWN';
  evidence?: 'VENDOR_CLAIMED' | 'COUNTY_TESTED' | 'VERIFIED_IN_PRODUCTION';
  note?: string;
  sourceNote?: string;
}

export async function assertCompatibility(api: TestApi, staff: TestUser, input: StatementInput): Promise<string> {
  const response = await api.gql(
    ASSERT,
    { i: { productVersions: '*', evidence: 'VENDOR_CLAIMED', ...input } },
    { token: staff.token },
  );
  if (!response.data?.assertCompatibility) throw new Error(JSON.stringify(response.errors));
  return response.data.assertCompatibility.id;
}

export async function setOrganizationSystem(
  api: TestApi,
  user: TestUser,
  organizationId: string,
  systemId: string,
  version: string,
) {
  return api.gql(
    `mutation($i: SetOrganizationSystemInput!) { setOrganizationSystem(input: $i) { id version system { id name } organization { id } } }`,
    { i: { organizationId, systemId, version } },
    { token: user.token },
  );
}
