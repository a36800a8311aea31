import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { reportNeed } from '../support/needs-builders.js';
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
  it('creates a procurement with two lots answering a need; a window that closes before it opens is refused next to the field', async () => {
    const coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Tove Coach');
    const need = await reportNeed(env.api, coach, { title: 'Larmet fungerar inte utomhus', category: 'MOBILE_SAFETY_ALARM' });
    await page.goto('/upphandlingar');
    await page.getByRole('link', { name: 'Ny upphandling' }).click();
    await page.getByRole('heading', { name: 'Ny gemensam upphandling', level: 1 }).waitFor();
    await page.getByLabel('Upphandlingens namn').fill('Gemensam upphandling av läkemedelsautomater');
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Mobilt trygghetslarm' }).click();
    await page.getByText(/^Larmet fungerar inte utomhus/).click();
    await page.getByRole('button', { name: /Förfarande/ }).click();
    await page.getByRole('option', { name: 'Öppet förfarande' }).click();
    await page.getByRole('button', { name: /Typ av upphandling/ }).click();
    await page.getByRole('option', { name: /Funktionsupphandling/ }).click();
    await page.getByLabel('Uppskattat värde (kr exkl. moms)').fill('2 500 000');
    await page.getByRole('group', { name: 'Anmälan öppnar' }).getByRole('spinbutton').first().click();
    await page.keyboard.type('20261215');
    await page.getByRole('group', { name: 'Sista dag att anmäla sig' }).getByRole('spinbutton').first().click();
    await page.keyboard.type('20261201');
    await page.getByLabel('Delområde 1: namn').fill('Larm med GPS');
    await page.getByRole('button', { name: 'Lägg till delområde' }).click();
    await page.getByLabel('Delområde 2: namn').fill('Larm i särskilt boende');
    await page.getByRole('button', { name: 'Skapa upphandlingen' }).click();
    await page.getByRole('alert').first().waitFor();
    expect(await page.getByLabel('Delområde 2: namn').inputValue()).toBe('Larm i särskilt boende');
    await checkPage(page, 'staff-procurement-new-error');
    await page.getByRole('group', { name: 'Sista dag att anmäla sig' }).getByRole('spinbutton').first().click();
    await page.keyboard.type('20261231');
    await page.getByRole('button', { name: 'Skapa upphandlingen' }).click();
    await page.getByRole('heading', { name: 'Gemensam upphandling av läkemedelsautomater', level: 1 }).waitFor();
    await page.getByText('Anmälan 15 december 2026 – 31 december 2026').waitFor();
    await page.locator('dl.facts').getByText('Planerad').waitFor();
    const id = page.url().split('/').pop()!;
    const saved = await env.api.gql(`query($id: ID!) { procurement(id: $id) { estimatedValueSek lots { number name } needs { id } } }`, { id }, { token: staff.token });
    expect(saved.data!.procurement).toEqual({ estimatedValueSek: 2_500_000, lots: [{ number: 1, name: 'Larm med GPS' }, { number: 2, name: 'Larm i särskilt boende' }], needs: [{ id: need.id }] });
  });
});
