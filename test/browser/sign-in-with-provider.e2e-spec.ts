import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Db, Role } from '#core';
import { createUser, organizationByCode, type TestUser } from '../support/builders.js';
import { type BrowserEnv, checkPage, newUserPage, screenshot, signIn, startBrowserEnv } from '../support/browser.js';
import { type OidcTestProvider, startOidcTestProvider } from '../support/oidc-test-provider.js';

jest.setTimeout(180_000);

/**
 * The journey of issue 20 in a browser: a node admin connects a municipality's provider on the web app, a new
 * person signs in with their work account and waits for access, the admin grants a role and the person's next
 * request sees it; an invited person lands with their roles; a returning person is the same user.
 */
describe('web app: sign in with the organisation’s own accounts', () => {
  let env: BrowserEnv;
  let idp: OidcTestProvider;
  let admin: TestUser;
  let adminPage: Page;
  let municipality: string;
  let db: Db;

  beforeAll(async () => {
    env = await startBrowserEnv();
    db = env.api.app.get(Db);
    idp = await startOidcTestProvider('noden-browser');
    admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN], 'Ada Admin');
    municipality = (await organizationByCode(env.api, '0482')).name;
    ({ page: adminPage } = await newUserPage(env));
    await signIn(adminPage, admin);
  });
  afterAll(async () => {
    await env?.close();
    await idp?.close();
  });

  /** The provider's own login form (oidc-provider's), then back in Noden. */
  async function signInAtProvider(page: Page, login: string) {
    await page.goto('/logga-in');
    await page.getByRole('link', { name: /^Logga in med Flens kommun/ }).click();
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.waitForURL((url) => url.origin === env.baseUrl && !url.pathname.startsWith('/auth/'));
  }

  it('a node admin connects the municipality’s provider from the web app', async () => {
    await adminPage.getByRole('link', { name: 'Inloggningstjänster' }).click();
    await adminPage.getByRole('heading', { name: 'Inloggning med organisationernas konton', level: 1 }).waitFor();
    const form = adminPage.getByRole('region', { name: 'Ny inloggningstjänst' });
    await form.getByRole('button', { name: /Organisation/ }).click();
    await adminPage.getByRole('option', { name: municipality }).click();
    await form.getByLabel('Namn på knappen').fill('Flens kommun');
    await form.getByLabel('Utfärdare (issuer-URL)').fill(idp.issuer);
    await form.getByLabel('Klient-id').fill(idp.clientId);
    await form.getByLabel(/Var klienthemligheten finns/).fill('hunter2');
    await form.getByRole('button', { name: 'Koppla inloggningstjänsten' }).click();
    await form.getByRole('alert').first().waitFor();
    await checkPage(adminPage, 'sso-admin-refused-secret');
    await form.getByLabel(/Var klienthemligheten finns/).fill(`env:${idp.secretEnv}`);
    await form.getByRole('button', { name: 'Koppla inloggningstjänsten' }).click();
    await adminPage.getByText('Flens kommun är kopplad.').waitFor();
    await adminPage.getByRole('row', { name: /Flens kommun .* OIDC På/ }).waitFor();
    const [{ id }] = await db.manager.query(`SELECT id FROM identity_providers WHERE display_name = 'Flens kommun'`);
    idp.serve([`${env.baseUrl}/auth/sso/${id}/callback`], [`${env.baseUrl}/logga-in?utloggad=1`]);
    await adminPage.getByRole('button', { name: 'Testa Flens kommun' }).click();
    await adminPage.getByText('Flens kommun svarar och är rätt inställd.').waitFor();
    await checkPage(adminPage, 'sso-admin-providers');
  });

  it('a new person lands waiting for access; once the admin grants a role, the next request sees it', async () => {
    idp.accounts.set('nora-sub', { sub: 'nora-sub', email: 'nora.ny@flen.se', name: 'Nora Ny' });
    const { page } = await newUserPage(env);
    await page.goto('/logga-in');
    await page.getByRole('heading', { name: 'Logga in med din organisations konto' }).waitFor();
    await checkPage(page, 'sso-sign-in');
    const started = Date.now();
    await signInAtProvider(page, 'nora-sub');
    await page.getByRole('heading', { name: 'Väntar på behörighet', level: 1 }).waitFor();
    process.stderr.write(
      `first sign-in in the browser (button → provider form → waiting page): ${Date.now() - started} ms\n`,
    );
    await checkPage(page, 'sso-waiting-for-access');
    // No Noden password to change for someone who signs in only through their organisation.
    expect(await page.getByRole('link', { name: 'Byt lösenord' }).count()).toBe(0);

    const [{ id }] = await db.manager.query(`SELECT id FROM users WHERE email = 'nora.ny@flen.se'`);
    await env.api.gql(
      `mutation($input: UpdateUserInput!) { updateUser(input: $input) { id } }`,
      { input: { id, roles: ['MUNICIPALITY_COORDINATOR'] } },
      { token: admin.token },
    );
    await page.getByRole('link', { name: 'Uppdatera när du fått besked' }).click();
    await page.getByRole('link', { name: 'Upphandlingar' }).waitFor();
    expect(await page.getByRole('heading', { name: 'Väntar på behörighet' }).count()).toBe(0);

    // Signing out ends the Noden session and goes on to the provider's own logout.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await screenshot(page, 'sso-provider-logout');
  });

  it('the same person coming back is the same user', async () => {
    const { page } = await newUserPage(env);
    await signInAtProvider(page, 'nora-sub');
    await page.getByRole('link', { name: 'Upphandlingar' }).waitFor();
    const [{ n }] = await db.manager.query(`SELECT count(*)::int AS n FROM users WHERE email = 'nora.ny@flen.se'`);
    expect(n).toBe(1);
  });

  it('an invited person lands with the roles decided in advance', async () => {
    const invite = adminPage.getByRole('region', { name: 'Bjud in en person' });
    await invite.getByLabel('Namn').fill('Ivar Inbjuden');
    await invite.getByLabel('E-postadress').fill('ivar.inbjuden@flen.se');
    await invite.getByRole('button', { name: /Organisation/ }).click();
    await adminPage.getByRole('option', { name: municipality }).click();
    await invite.getByText('Teknikcoach', { exact: true }).click();
    await invite.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await adminPage.getByText(/Ivar Inbjuden är inbjuden/).waitFor();

    idp.accounts.set('ivar-sub', { sub: 'ivar-sub', email: 'ivar.inbjuden@flen.se', name: 'Ivar I' });
    const { page } = await newUserPage(env);
    await signInAtProvider(page, 'ivar-sub');
    await page.getByRole('link', { name: 'Rapportera behov' }).waitFor();
    await screenshot(page, 'sso-invited-lands-with-roles');
  });

  it('a refused sign-in shows plain words and a support code', async () => {
    const { page } = await newUserPage(env);
    await page.goto('/logga-in?sso=NOT_CONFIRMED&kod=7F3A-09C2');
    await page.getByRole('alert').getByText('Vi kunde inte bekräfta inloggningen').waitFor();
    await page.getByText('Ange koden 7F3A-09C2 om du kontaktar supporten.').waitFor();
    await checkPage(page, 'sso-refused');
  });
});
