import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { CHANGE_STATUS, CREATE_PROCUREMENT, mobileAlarmProcurement } from '../support/procurement-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(180_000);

/** A catalogue key shown instead of its text (`procurement.title`, `callOffMethod.DIRECT_BY_RANKING`). */
const RAW_KEY = /^[a-z][A-Za-z]*\.[A-Za-z_.]+$/;

async function rawKeysOn(page: Page): Promise<string[]> {
  const lines = (await page.locator('main').innerText()).split('\n').map((line) => line.trim());
  return lines.filter((line) => RAW_KEY.test(line));
}

async function visitInEnglish(page: Page, path: string, heading: string, screenshot: string): Promise<void> {
  await page.goto(path);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  // Let the page's queries settle before reading it.
  await page.waitForLoadState('networkidle');
  expect(await page.getAttribute('html', 'lang')).toBe('en');
  expect(await rawKeysOn(page)).toEqual([]);
  await checkPage(page, screenshot);
}

/** The pages of the coordinators' and node staff's journeys, in English: every text translated, axe clean. */
describe('web app in English: part 2 pages', () => {
  let env: BrowserEnv;
  let staff: TestUser;
  let coordinator: TestUser;

  beforeAll(async () => {
    env = await startBrowserEnv();
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF, Role.NODE_ADMIN], 'Sam Staff');
    coordinator = await createUser(env.api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Alva Coordinator');
  });
  afterAll(() => env?.close());

  async function englishPage(user: TestUser): Promise<Page> {
    const { page } = await newUserPage(env);
    await signIn(page, user);
    // Once a user has chosen English, the app opens in it on every device (User.language).
    const mainMenu = page.getByRole('navigation', { name: 'Main menu' });
    if (!(await mainMenu.isVisible())) await page.getByRole('button', { name: /Språk: English/ }).click();
    await mainMenu.waitFor();
    return page;
  }

  it('node staff: catalogue, matrix, procurements, indicators, users, operations, protocols, overview, knowledge', async () => {
    const page = await englishPage(staff);
    const pages: [string, string][] = [
      ['/katalog', 'The catalogue'],
      ['/katalog/kompatibilitet', 'Compatibility matrix'],
      ['/upphandlingar', 'Procurements'],
      ['/upphandlingar/ny', 'New joint procurement'],
      ['/indikatorer', 'Follow-up indicators'],
      ['/anvandare', 'Users and roles'],
      ['/drift', 'Operations'],
      ['/testprotokoll', 'Test protocols'],
      ['/testprotokoll/nytt', 'New test protocol'],
      ['/oversikt', 'County overview'],
      ['/kunskap', 'The knowledge portal'],
      ['/kunskap/ny', 'Write an article'],
      ['/beslut', 'Decisions'],
      ['/inkorg', 'Inbox: new needs'],
    ];
    for (const [path, heading] of pages)
      await visitInEnglish(page, path, heading, `en-staff${path.replaceAll('/', '-')}`);
  });

  it('node staff award in English; the api refuses in English next to the fields, and nothing typed is lost', async () => {
    const created = await env.api.gql(
      CREATE_PROCUREMENT,
      { i: mobileAlarmProcurement({ title: 'Mobile alarms to award' }) },
      { token: staff.token },
    );
    const id = created.data!.createProcurement.id as string;
    for (const status of ['OPEN_FOR_PARTICIPATION', 'TENDERING'])
      await env.api.gql(CHANGE_STATUS, { i: { id, status } }, { token: staff.token });
    const page = await englishPage(staff);
    await visitInEnglish(page, `/upphandlingar/${id}`, 'Mobile alarms to award', 'en-staff-award');
    const award = page.getByRole('region', { name: 'Award the framework agreement' });
    await award.getByLabel('Contact for contract follow-up').fill('Ulla Uppföljare');
    await award.getByRole('button', { name: 'Award the framework agreement' }).click();
    await award.getByRole('alert').first().waitFor();
    const summary = await award.getByRole('alert').first().innerText();
    expect(summary).not.toMatch(/[åäö]|Ange|måste|Variable/);
    // Every empty field at once, in the user's words and the field's own label, next to the field.
    await award.getByRole('alert').getByRole('link', { name: 'Choose an option in “Call-off method”.' }).waitFor();
    await award.getByText('Choose an option in “Call-off method”.').nth(1).waitFor();
    expect(await award.getByLabel('Contact for contract follow-up').inputValue()).toBe('Ulla Uppföljare');
    await checkPage(page, 'en-staff-award-error');
  });

  it('a coordinator: procurements, landscape, follow-ups, decisions, the knowledge portal', async () => {
    const page = await englishPage(coordinator);
    const pages: [string, string][] = [
      ['/upphandlingar', 'Procurements'],
      ['/systemlandskap', 'Our system landscape'],
      ['/uppfoljningar', 'Follow-ups'],
      ['/beslut', 'Decisions'],
      ['/kunskap', 'The knowledge portal'],
    ];
    for (const [path, heading] of pages)
      await visitInEnglish(page, path, heading, `en-coordinator${path.replaceAll('/', '-')}`);
  });
});
