import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { assertCompatibility, createProduct, createSystem } from '../support/catalog-builders.js';
import { CREATE_PROCUREMENT, mobileAlarmProcurement } from '../support/procurement-builders.js';
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
    await assertCompatibility(env.api, staff, {
      productId: other,
      systemId: journalId,
      systemVersions: '*',
      status: 'SUPPORTED',
    });
    camera = (
      await env.api.gql(`query($id: ID!) { product(id: $id) { name } }`, { id: cameraId }, { token: staff.token })
    ).data!.product.name;
    journal = (
      await env.api.gql(`query($id: ID!) { system(id: $id) { name } }`, { id: journalId }, { token: staff.token })
    ).data!.system.name;
    ({ page } = await newUserPage(env));
    await signIn(page, staff);
  });
  afterAll(() => env?.close());

  it('keeps the catalogue: a new supplier and a product with its first version', async () => {
    await page.getByRole('link', { name: 'Katalog', exact: true }).click();
    await page.getByRole('heading', { name: 'Katalogen', level: 1 }).waitFor();
    await page.getByRole('cell', { name: camera }).waitFor();
    await page.getByLabel('Leverantörens namn').fill('Sensorbolaget AB');
    await page.getByLabel('Organisationsnummer').fill('556677-8899');
    await page.getByRole('button', { name: 'Lägg till' }).first().click();
    await page.getByText('Leverantören Sensorbolaget AB är tillagd.').waitFor();
    await page.getByLabel('Produktens namn').fill('Rörelsesensor Natt');
    await page.getByRole('button', { name: /Leverantör/ }).click();
    await page.getByRole('option', { name: 'Sensorbolaget AB' }).click();
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Digital tillsyn (kamera)' }).click();
    await page.getByLabel('Första version').fill('1.0');
    await page.getByRole('button', { name: 'Lägg till' }).nth(1).click();
    await page.getByText('Produkten Rörelsesensor Natt är tillagd.').waitFor();
    await page.getByRole('row', { name: /Rörelsesensor Natt Sensorbolaget AB .* 1\.0/ }).waitFor();
    await checkPage(page, 'staff-catalogue');
  });

  it('shows the matrix for a category and a system kind, and asserts a statement from a cell', async () => {
    await page.getByRole('link', { name: 'Kompatibilitet' }).click();
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Digital tillsyn (kamera)' }).click();
    await page.getByRole('button', { name: /Systemtyp/ }).click();
    await page.getByRole('option', { name: 'Verksamhetssystem (social dokumentation)' }).click();
    await page.getByRole('button', { name: `${camera} med ${journal}: okänt` }).waitFor();
    await page.getByRole('rowheader', { name: /Tillsynskamera/ }).waitFor();
    // The filter lives in the URL, so it survives a reload and can be shared.
    await page.getByLabel('Visa bara produkter med luckor').click();
    await page.waitForURL(/luckor=1/);
    await page.getByRole('rowheader', { name: /Tillsynskamera/ }).waitFor({ state: 'detached' });
    expect(await page.getByLabel('Visa bara produkter med luckor').isChecked()).toBe(true);
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
    const history = await env.api.gql(
      `query($p: ID!, $s: ID!) { compatibilityHistory(productId: $p, systemId: $s) { status systemVersions note } }`,
      { p: cameraId, s: journalId },
      { token: staff.token },
    );
    expect(history.data?.compatibilityHistory[0]).toEqual({
      status: 'PARTIAL',
      systemVersions: '>=7 <8',
      note: 'Larm syns inte i journalen.',
    });
  });

  it('moves a procurement through its lifecycle; cancelling asks for a reason', async () => {
    const created = await env.api.gql(
      CREATE_PROCUREMENT,
      { i: mobileAlarmProcurement({ title: 'Upphandling av sensorer' }) },
      { token: staff.token },
    );
    await page.goto(`/upphandlingar/${created.data!.createProcurement.id}`);
    await page.getByRole('heading', { name: 'Upphandling av sensorer', level: 1 }).waitFor();
    await page.getByRole('button', { name: /Ny status/ }).click();
    await page.getByRole('option', { name: 'Öppen för anmälan', exact: true }).click();
    await page.getByRole('button', { name: 'Ändra status' }).click();
    await page.getByText('Statusen är ändrad.').waitFor();
    await page.locator('dl.facts').getByText('Öppen för anmälan').waitFor();
    await page.getByRole('button', { name: /Ny status/ }).click();
    await page.getByRole('option', { name: 'Avbruten', exact: true }).click();
    await page.getByLabel('Varför avbryts upphandlingen?').fill('Behovet täcks av ett befintligt avtal.');
    await checkPage(page, 'staff-procurement-status');
    await page.getByRole('button', { name: 'Ändra status' }).click();
    await page.locator('dl.facts').getByText('Avbruten').waitFor();
  });

  it('adds an indicator to the default set as a new version', async () => {
    await page.getByRole('link', { name: 'Indikatorer' }).click();
    const set = page.locator('section.card', {
      has: page.getByRole('heading', { name: /Standard för alla teknikområden/ }),
    });
    await set.getByRole('cell', { name: 'Upplevd trygghet' }).waitFor();
    await set.getByText('Lägg till en indikator').click();
    await set.getByLabel('Benämning på svenska').fill('Fall per månad');
    await set.getByLabel('Benämning på engelska').fill('Falls per month');
    await set.getByLabel('Nyckel', { exact: true }).fill('Fall per månad');
    await set.getByRole('button', { name: 'Spara ny version' }).click();
    await set
      .getByRole('alert')
      .getByText('Nyckeln ska bestå av bokstäver och siffror och börja med liten bokstav, t.ex. fallsPerMonth.')
      .waitFor();
    expect(await set.getByLabel('Nyckel', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'staff-indicators-refused');
    await set.getByLabel('Nyckel', { exact: true }).fill('fallsPerMonth');
    await set.getByRole('button', { name: 'Spara ny version' }).click();
    await page.getByRole('cell', { name: 'Fall per månad' }).waitFor();
    await page.getByRole('heading', { name: /Standard för alla teknikområden – version 2/ }).waitFor();
  });

  it('shows the queues’ health', async () => {
    await page.getByRole('link', { name: 'Driftläge' }).click();
    await page.getByRole('row', { name: 'Databas (Postgres) Fungerar' }).waitFor();
    await page
      .getByRole('row', {
        name: process.env.QUEUE_BACKEND === 'postgres' ? 'Köer (Postgres) Fungerar' : 'Köer (Redis) Fungerar',
      })
      .waitFor();
    await page.getByRole('row', { name: /^Bakgrundsjobb Igång, senaste livstecken/ }).waitFor();
    const workers = page.getByRole('table', { name: 'Bakgrundsprocesser som är igång' });
    await workers.waitFor();
    // Queue names in Swedish, not the program's.
    await workers.getByText(/Aviseringar/).waitFor();
    expect(await workers.getByText(/notifications|followup/).count()).toBe(0);
    await checkPage(page, 'staff-health');
  });
});
