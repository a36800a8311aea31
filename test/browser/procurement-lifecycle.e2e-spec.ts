import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { CREATE_PROCUREMENT, mobileAlarmProcurement } from '../support/procurement-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(120_000);

/** Node staff run a joint procurement: its requirement specification, version by version. */
describe('web app: node staff run a procurement', () => {
  let env: BrowserEnv;
  let staff: TestUser;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    ({ page } = await newUserPage(env));
    await signIn(page, staff);
  });
  afterAll(() => env?.close());

  it('publishes requirement specification versions; a link that is not https is refused next to the field', async () => {
    const created = await env.api.gql(CREATE_PROCUREMENT, { i: mobileAlarmProcurement({ title: 'Upphandling av trygghetslarm' }) }, { token: staff.token });
    await page.goto(`/upphandlingar/${created.data!.createProcurement.id}`);
    await page.getByRole('heading', { name: 'Upphandling av trygghetslarm', level: 1 }).waitFor();
    const spec = page.getByRole('region', { name: 'Kravspecifikation' });
    await spec.getByText('Ingen version är publicerad än.').waitFor();
    await spec.getByLabel('Vad versionen innehåller eller ändrar').fill('Första utkastet: larmkrav och integration med journalen.');
    await spec.getByLabel('Länkar till dokumenten').fill('http://dokument.example.se/krav-v1.pdf');
    await spec.getByRole('button', { name: 'Publicera versionen' }).click();
    await spec.getByRole('alert').first().waitFor();
    expect(await spec.getByLabel('Länkar till dokumenten').getAttribute('aria-invalid')).toBe('true');
    expect(await spec.getByLabel('Vad versionen innehåller eller ändrar').inputValue()).toBe('Första utkastet: larmkrav och integration med journalen.');
    await spec.getByLabel('Länkar till dokumenten').fill('https://dokument.example.se/krav-v1.pdf');
    await spec.getByRole('button', { name: 'Publicera versionen' }).click();
    await spec.getByText('Version 1 av kravspecifikationen är publicerad.').waitFor();
    await spec.getByRole('link', { name: 'https://dokument.example.se/krav-v1.pdf' }).waitFor();
    await spec.getByRole('heading', { name: 'Publicera version 2' }).waitFor();
    await spec.getByLabel('Vad versionen innehåller eller ändrar').fill('Svarstider för larm skärpta efter dialog med leverantörer.');
    await spec.getByRole('button', { name: 'Publicera versionen' }).click();
    await spec.getByText('Version 2 av kravspecifikationen är publicerad.').waitFor();
    await spec.getByText(/^Version 2,/).waitFor();
    await spec.getByText(/^Version 1,/).waitFor();
    await checkPage(page, 'staff-procurement-spec');
  });
});
