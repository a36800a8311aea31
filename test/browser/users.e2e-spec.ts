import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, organizationByCode, type TestUser } from '../support/builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(120_000);

/** Node admins keep the users and their roles; nobody else sees the page. */
describe('web app: users and roles', () => {
  let env: BrowserEnv;
  let admin: TestUser;
  let staff: TestUser;
  let municipality: string;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN], 'Ada Admin');
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    await createUser(env.api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Alva Samordnare');
    municipality = (await organizationByCode(env.api, '0482')).name;
    ({ page } = await newUserPage(env));
    await signIn(page, admin);
  });
  afterAll(() => env?.close());

  it('filters the users by organisation, role and status, the filter kept in the URL', async () => {
    await page.getByRole('link', { name: 'Användare', exact: true }).click();
    await page.getByRole('heading', { name: 'Användare och roller', level: 1 }).waitFor();
    await page.getByRole('cell', { name: /^Sam Staff/ }).waitFor();
    await page
      .locator('.filters')
      .getByRole('button', { name: /Organisation/ })
      .click();
    await page.getByRole('option', { name: municipality }).click();
    await page.waitForURL(/org=/);
    await page.getByRole('cell', { name: /^Alva Samordnare/ }).waitFor();
    await page.getByRole('cell', { name: /^Sam Staff/ }).waitFor({ state: 'detached' });
    await page.locator('.filters').getByRole('button', { name: /Roll/ }).click();
    await page.getByRole('option', { name: 'Läsare' }).click();
    await page.getByText('Inga användare matchar filtret.').waitFor();
    await page.reload();
    await page.getByText('Inga användare matchar filtret.').waitFor();
    await page.goto(`${env.baseUrl}/anvandare`);
    await page.getByRole('cell', { name: /^Sam Staff/ }).waitFor();
    await checkPage(page, 'admin-users');
  });

  it('creates a user: the api refuses a short password next to the field and keeps what was typed', async () => {
    const form = page.getByRole('region', { name: 'Ny användare' });
    await form.getByLabel('Namn').fill('Karin Nybörjare');
    await form.getByLabel('E-postadress').fill('karin.nyborjare@test.noden.se');
    await form.getByRole('button', { name: /Organisation/ }).click();
    await page.getByRole('option', { name: municipality }).click();
    await form.getByLabel('Startlösenord').fill('kort');
    await form.getByText('Samordnare', { exact: true }).click();
    await form.getByRole('button', { name: 'Skapa användaren' }).click();
    await form.getByRole('alert').first().waitFor();
    expect(await form.getByLabel('Startlösenord').getAttribute('aria-invalid')).toBe('true');
    expect(await form.getByLabel('Namn').inputValue()).toBe('Karin Nybörjare');
    await checkPage(page, 'admin-users-create-error');
    await form.getByLabel('Startlösenord').fill('ett-langt-startlosenord');
    await form.getByRole('button', { name: 'Skapa användaren' }).click();
    await page.getByText('Användaren Karin Nybörjare är skapad.').waitFor();
    await page
      .getByRole('row', { name: /Karin Nybörjare karin\.nyborjare@test\.noden\.se .* Samordnare Aktiv/ })
      .waitFor();
  });

  it('changes roles, deactivates and reactivates a user', async () => {
    await page.getByRole('button', { name: 'Ändra Karin Nybörjare' }).click();
    const edit = page.getByRole('region', { name: 'Ändra Karin Nybörjare' });
    await edit.getByText('Läsare', { exact: true }).click();
    await edit.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Ändringarna för Karin Nybörjare är sparade.').waitFor();
    await page.getByRole('row', { name: /Karin Nybörjare .* Samordnare, Läsare Aktiv/ }).waitFor();
    await edit.getByRole('button', { name: 'Stäng av användaren' }).click();
    await page.getByText('Karin Nybörjare är avstängd och kan inte logga in.').waitFor();
    await page.getByRole('row', { name: /Karin Nybörjare .* Avstängd/ }).waitFor();
    await page
      .locator('.filters')
      .getByRole('button', { name: /Status/ })
      .click();
    await page.getByRole('option', { name: 'Aktiva' }).click();
    await page.getByRole('row', { name: /Karin Nybörjare/ }).waitFor({ state: 'detached' });
    await page
      .locator('.filters')
      .getByRole('button', { name: /Status/ })
      .click();
    await page.getByRole('option', { name: 'Avstängda' }).click();
    await page.getByRole('row', { name: /Karin Nybörjare .* Avstängd/ }).waitFor();
    await edit.getByRole('button', { name: 'Aktivera användaren igen' }).click();
    await page.getByText('Karin Nybörjare är aktiv igen.').waitFor();
  });

  it('shows the api refusing that an admin deactivates themself', async () => {
    await page.goto(`${env.baseUrl}/anvandare?sok=Ada`);
    await page.getByRole('button', { name: /Ändra Ada Admin/ }).click();
    const edit = page.getByRole('region', { name: /Ändra Ada Admin/ });
    await edit.getByRole('button', { name: 'Stäng av användaren' }).click();
    await edit
      .getByText('Du kan inte stänga av dig själv eller ta bort din egen administratörsroll.')
      .first()
      .waitFor();
    await page.getByRole('row', { name: /Ada Admin .* Aktiv/ }).waitFor();
    await checkPage(page, 'admin-users-self-lockout');
  });

  it('is not offered to node staff, and the api refuses them the list', async () => {
    const { page: staffPage } = await newUserPage(env);
    await signIn(staffPage, staff);
    await staffPage.getByRole('link', { name: 'Katalog', exact: true }).waitFor();
    expect(await staffPage.getByRole('link', { name: 'Användare', exact: true }).count()).toBe(0);
    await staffPage.goto(`${env.baseUrl}/anvandare`);
    await staffPage.getByText('Användare och roller sköts av nodens administratörer.').waitFor();
    expect(await staffPage.getByRole('table').count()).toBe(0);
    const refused = await env.api.gql(
      `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id } }`,
      { input: { id: admin.id, active: false } },
      { token: staff.token },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
