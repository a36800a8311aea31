import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { assertCompatibility, createProduct, createSystem } from '../support/catalog-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(120_000);

/** Node staff keep the compatibility matrix and watch the queues' health. */
describe('web app: node staff', () => {
  let env: BrowserEnv;
  let staff: TestUser;
  let page: Page;
  let camera: string;
  let journal: string;
  let cameraId: string;
  let journalId: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    cameraId = await createProduct(env.api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera', ['3.1']);
    const other = await createProduct(env.api, staff, 'DIGITAL_SUPERVISION', 'Tillsynskamera', ['1.0']);
    journalId = await createSystem(env.api, staff, 'CARE_DOCUMENTATION', 'Omsorgsjournal', ['7.0']);
    await assertCompatibility(env.api, staff, { productId: other, systemId: journalId, systemVersions: '*', status: 'SUPPORTED' });
    camera = (await env.api.gql(`query($id: ID!) { product(id: $id) { name } }`, { id: cameraId }, { token: staff.token })).data!.product.name;
    journal = (await env.api.gql(`query($id: ID!) { system(id: $id) { name } }`, { id: journalId }, { token: staff.token })).data!.system.name;
    ({ page } = await newUserPage(env));
    await signIn(page, staff);
  });
  afterAll(() => env?.close());

  it('shows the matrix for a category and a system kind, and asserts a statement from a cell', async () => {
    await page.getByRole('link', { name: 'Kompatibilitet' }).click();
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Digital tillsyn (kamera)' }).click();
    await page.getByRole('button', { name: /Systemtyp/ }).click();
    await page.getByRole('option', { name: 'Verksamhetssystem (social dokumentation)' }).click();
    await page.getByRole('button', { name: `${camera} med ${journal}: okänt` }).waitFor();
    await page.getByLabel('Visa bara produkter med luckor').check();
    expect(await page.getByRole('rowheader', { name: /Tillsynskamera/ }).count()).toBe(0);
    expect(page.url()).toContain('luckor=1');
    await checkPage(page, 'staff-matrix');
    await page.getByRole('button', { name: `${camera} med ${journal}: okänt` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: `${camera} med ${journal}` }).waitFor();
    await dialog.getByRole('button', { name: /Fungerar/ }).click();
    await page.getByRole('option', { name: 'fungerar delvis', exact: true }).click();
    await dialog.getByLabel('Systemversioner').fill('>=7 <8');
    await checkPage(page, 'staff-matrix-dialog');
    // PARTIAL needs a note: the api's refusal appears in the dialog, which keeps what was typed.
    await dialog.getByRole('button', { name: 'Spara uppgiften' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByLabel('Systemversioner').inputValue()).toBe('>=7 <8');
    await dialog.getByLabel('Vad fungerar och inte').fill('Larm syns inte i journalen.');
    await dialog.getByRole('button', { name: 'Spara uppgiften' }).click();
    await page.getByText(`Sparat: ${camera} med ${journal} fungerar delvis.`).waitFor();
    await page.getByRole('button', { name: `${camera} med ${journal}: fungerar delvis` }).waitFor();
    const history = await env.api.gql(`query($p: ID!, $s: ID!) { compatibilityHistory(productId: $p, systemId: $s) { status systemVersions note } }`, { p: cameraId, s: journalId }, { token: staff.token });
    expect(history.data?.compatibilityHistory[0]).toEqual({ status: 'PARTIAL', systemVersions: '>=7 <8', note: 'Larm syns inte i journalen.' });
  });

  it('shows the queues’ health', async () => {
    await page.getByRole('link', { name: 'Driftläge' }).click();
    await page.getByRole('row', { name: 'Databas (Postgres) Fungerar' }).waitFor();
    await page.getByRole('row', { name: 'Köer (Redis) Fungerar' }).waitFor();
    await checkPage(page, 'staff-health');
  });
});
