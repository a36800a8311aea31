import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ManualClock } from '#core';
import { type DemoReport, runDemo } from '../../apps/cli/src/demo/demo-county.js';
import { login } from '../support/builders.js';
import {
  type BrowserEnv,
  checkPage,
  LAPTOP,
  newUserPage,
  screenshot,
  signIn,
  startBrowserEnv,
} from '../support/browser.js';

jest.setTimeout(400_000);

/**
 * The demo county as its people meet it: the steering group's overview (facts about municipalities shown, small
 * groups of people withheld), a phone, the agreement card before a call-off, items one may not see, and the words.
 */
describe('web app: the demo county', () => {
  const now = new Date();
  let env: BrowserEnv;
  let report: DemoReport;
  let staffToken: string;
  const shots = process.env.SCREENS_DIR;
  // Also kept for the before/after pictures when SCREENS_DIR is set.
  const save = async (page: Page, name: string) => {
    await screenshot(page, name);
    if (shots) {
      mkdirSync(shots, { recursive: true });
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: true, animations: 'disabled' });
    }
  };
  const user = (name: string) => ({ email: report.logins.find((l) => l.name === name)!.email });
  const as = async (name: string, viewport = LAPTOP) => {
    const { page } = await newUserPage(env, viewport);
    await signIn(page, user(name), report.password);
    return page;
  };
  const gql = async (query: string) => (await env.api.gql(query, {}, { token: staffToken })).data!;

  beforeAll(async () => {
    report = await runDemo({ now });
    env = await startBrowserEnv(new ManualClock(now.toISOString()));
    staffToken = await login(env.api, user('Petra Processledare').email, report.password);
  });
  afterAll(() => env?.close());

  it('shows a steering member every municipality’s follow-ups and implementations, and withholds only small groups of people', async () => {
    const page = await as('Fredrik Flodin');
    await page.goto('/oversikt');
    await page.getByRole('heading', { name: 'Länsöversikt', level: 1 }).waitFor();
    const followUps = page.locator('section.chart', {
      has: page.getByRole('heading', { name: 'Uppföljningar per kommun' }),
    });
    await followUps.getByText('Visa siffrorna som tabell').click();
    // Facts about organisations: shown for every municipality, 0 as 0.
    for (const name of ['Eskilstuna kommun', 'Gnesta kommun', 'Katrineholms kommun', 'Nyköpings kommun'])
      expect(await followUps.getByRole('row', { name: new RegExp(`^${name} \\d+ \\d+ \\d+$`) }).count()).toBe(1);
    expect(await page.getByText('Visas inte: för få för att inte peka ut någon').count()).toBe(0);
    await page
      .getByText('Antal personer från 1 till 4 visas inte för att ingen ska kunna pekas ut', { exact: false })
      .waitFor();
    const people = page.locator('section.chart', {
      has: page.getByRole('heading', { name: 'Personer som tackat ja per kommun' }),
    });
    await people.getByText('Visa siffrorna som tabell').click();
    await people.getByRole('row', { name: /^Gnesta kommun 0 0$/ }).waitFor();
    await people.getByRole('row', { name: /^Hela länet \d+ (\d+|Visas inte.*)$/ }).waitFor();
    await page.waitForLoadState('networkidle');
    await save(page, 'app-overview-after');
    await checkPage(page, 'demo-overview');
  });

  it('gives a phone a compact header whose menu opens from a button', async () => {
    const page = await as('Fredrik Flodin', { width: 360, height: 740 });
    await page.getByRole('heading', { name: 'Hej Fredrik Flodin', level: 1 }).waitFor();
    expect((await page.getByRole('heading', { level: 1 }).boundingBox())!.y).toBeLessThan(140);
    await save(page, 'app-phone-after');
    await page.getByRole('button', { name: 'Meny' }).click();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Länsöversikt' }).waitFor();
    await save(page, 'app-phone-menu-after');
    await checkPage(page, 'demo-phone-menu');
  });

  it('shows a coordinator the agreement card for the product they pick, before they call it off', async () => {
    const procurements = await gql(`{ procurements(first: 50) { nodes { title frameworkAgreement { id } } } }`);
    const agreementId = procurements.procurements.nodes.find(
      (p: { title: string }) => p.title === 'Gemensam upphandling av digital nattillsyn',
    ).frameworkAgreement.id;
    const page = await as('Frida Fors');
    await page.goto(`/ramavtal/${agreementId}`);
    const pick = page.getByRole('button', { name: /^Avropa / }).first();
    const product = (await pick.innerText()).replace(/^Avropa /, '');
    await pick.click();
    const card = page.getByRole('group', { name: `Avtalskort för ${product}` });
    await card.getByRole('heading', { name: 'Fungerar det med era system?' }).waitFor();
    const experience = card.locator('table');
    for (const name of ['Eskilstuna kommun', 'Flens kommun', 'Katrineholms kommun', 'Nyköpings kommun'])
      await experience.getByRole('rowheader', { name }).waitFor();
    await experience
      .getByText(/Används fortfarande: \d+ av \d+/)
      .first()
      .waitFor();
    await experience
      .getByText(/Upplevd trygghet: [\d,]+ av 5/)
      .first()
      .waitFor();
    await card
      .getByText(/avvikelse|Inga öppna avvikelser/)
      .first()
      .waitFor();
    await save(page, 'app-agreement-card');
    await checkPage(page, 'demo-agreement-card');
  });

  it('says which item one may not see, with a heading and ways on, for every kind', async () => {
    const needs = await gql(`{ needs(first: 50, statuses: [NEW]) { nodes { id title } } }`);
    const lonely = needs.needs.nodes.find(
      (n: { title: string }) => n.title === 'Ensamhet bland brukare i ordinärt boende',
    );
    const page = await as('Fredrik Flodin');
    await page.goto(`/behov/${lonely.id}`);
    await page.getByRole('heading', { name: 'Du kan inte se det här behovet', level: 1 }).waitFor();
    expect(await page.getByText('Behovet finns inte.').count()).toBe(0);
    await page.getByRole('link', { name: 'Till startsidan' }).waitFor();
    await checkPage(page, 'demo-need-not-visible');
    await page.goto('/upphandlingar/00000000-0000-4000-8000-000000000000');
    await page.getByRole('heading', { name: 'Du kan inte se den här upphandlingen', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Till upphandlingarna' }).click();
    await page.getByRole('heading', { name: 'Upphandlingar', level: 1 }).waitFor();
  });

  it('shows node staff the transferability card for a municipality they choose, and the words of the operations page', async () => {
    const decisions = await gql(`{ decisions(first: 5) { nodes { id } } }`);
    const page = await as('Petra Processledare');
    await page.goto(`/beslut/${decisions.decisions.nodes[0].id}`);
    const card = page.locator('section', {
      has: page.getByRole('heading', { name: 'Gäller det i en kommun? Överförbarhet' }),
    });
    await card.getByRole('button', { name: /Kommun att jämföra med/ }).click();
    await page.getByRole('option', { name: 'Trosa kommun', exact: true }).click();
    await card.getByRole('heading', { name: /Överförbarhet till Trosa kommun/ }).waitFor();
    await checkPage(page, 'demo-staff-transferability');

    await page.goto('/katalog/kompatibilitet');
    await page.getByText('Välj en kategori ovan för att se vilka produkter', { exact: false }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await nav.locator('a[aria-current="page"]').allInnerTexts()).toEqual(['Kompatibilitet']);
    await page.goto('/drift');
    await page.getByRole('heading', { name: 'Driftläge', level: 1 }).waitFor();
    await page.getByRole('row', { name: /^Bakgrundsjobb / }).waitFor();
    expect(await page.getByText(/Workers|worker/).count()).toBe(0);
  });

  it('keeps the status column of the users table in view on a laptop', async () => {
    const page = await as('Anna Adminsson', { width: 1280, height: 800 });
    await page.goto('/anvandare');
    const status = page.getByRole('columnheader', { name: 'Status' });
    await status.waitFor();
    const box = (await status.boundingBox())!;
    const scroller = (await page.locator('.table-scroll').first().boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(scroller.x + scroller.width + 1);
    await screenshot(page, 'demo-users-1280');
    // One typeface: the Midas buttons and fields use the app's font, not an Inter that is never loaded.
    const [body, button, field] = await page.evaluate<string[]>(
      `['body', 'main button', 'main input'].map((s) => getComputedStyle(document.querySelector(s)).fontFamily)`,
    );
    expect(button).toBe(body);
    expect(field).toBe(body);
    expect(body).not.toMatch(/Inter/);
  });

  it('gives a coach with follow-ups an "Uppföljningar" menu item leading to what they can see', async () => {
    const page = await as('Fatima Fahlén');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljningar' }).click();
    await page.getByRole('heading', { name: 'Uppföljningar', level: 1 }).waitFor();
    await page
      .locator('main')
      .getByRole('link', { name: /månader/ })
      .first()
      .waitFor();
    await checkPage(page, 'demo-coach-follow-ups');
  });
});
