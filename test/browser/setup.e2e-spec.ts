import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { FirstRunService } from '#core';
import { type BrowserEnv, checkPage, newUserPage, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(90_000);

/** The first administrator: the api prints a one-time link while no user exists; opening it creates the admin. */
describe('web app: the first admin’s setup link', () => {
  let env: BrowserEnv;
  let link: string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    link = (await env.api.app.get(FirstRunService).firstAdminNotice(env.baseUrl))!.setupLink!;
  });
  afterAll(() => env?.close());

  it('opens the printed link, keeps the token out of the address bar, and holds to the api’s password rule', async () => {
    const { page } = await newUserPage(env);
    await page.goto(link);
    await page.getByRole('heading', { name: 'Skapa den första administratören' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await checkPage(page, 'setup');

    await page.getByLabel('Ditt namn').fill('Första Admin');
    await page.getByLabel('E-postadress').fill('forsta.admin@noden.se');
    await page.getByLabel('Lösenord', { exact: true }).fill('för kort');
    await page.getByLabel('Upprepa lösenordet').fill('för kort');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.getByTestId('fieldError').getByText('Lösenordet behöver minst 12 tecken.').waitFor();
    expect(await page.getByLabel('Lösenord', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'setup-password-too-short');

    await page.getByLabel('Lösenord', { exact: true }).fill('en-lång-lösenfras-för-noden');
    await page.getByLabel('Upprepa lösenordet').fill('en-lång-lösenfras-för-noden');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await page.getByRole('heading', { name: /^Hej Första Admin/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await checkPage(page, 'setup-signed-in');

    const me = await page.evaluate(async () => {
      const grant = await (await fetch('/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json();
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${grant.accessToken}` },
        body: JSON.stringify({ query: '{ me { email roles organization { kind } } }' }),
      });
      return (await response.json()).data.me;
    });
    expect(me).toEqual({ email: 'forsta.admin@noden.se', roles: ['NODE_ADMIN', 'NODE_STAFF'], organization: { kind: 'NODE' } });
  });

  it('says so when the link is opened again after use', async () => {
    const { page } = await newUserPage(env);
    await page.goto(link);
    await page.getByLabel('Ditt namn').fill('Någon Annan');
    await page.getByLabel('E-postadress').fill('annan@noden.se');
    await page.getByLabel('Lösenord', { exact: true }).fill('en-annan-lång-lösenfras');
    await page.getByLabel('Upprepa lösenordet').fill('en-annan-lång-lösenfras');
    await page.getByRole('button', { name: 'Skapa administratör och logga in' }).click();
    await page.getByRole('alert').getByText('Installationslänken är redan använd.').waitFor();
    await checkPage(page, 'setup-link-used');
  });

  it('tells a visitor without the code in the link what to do', async () => {
    const { page } = await newUserPage(env);
    await page.goto('/setup');
    await page.getByText('Länken saknar sin kod.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Skapa administratör och logga in' }).isDisabled()).toBe(true);
  });
});
