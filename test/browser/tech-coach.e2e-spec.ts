import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';
import { changeStatus as changeProtocolStatus, createProtocol } from '../support/testbed-builders.js';
import { type BrowserEnv, checkPage, newUserPage, PHONE, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(120_000);

/** A tech coach on a 375 px phone: report a need, endorse instead of duplicating, follow what became of it. */
describe('web app: tech coach on a phone', () => {
  let env: BrowserEnv;
  let coach: TestUser;
  let staff: TestUser;
  let trosaNeed: { id: string; title: string };
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'staff');
    const trosa = await createUser(env.api, '0488', [Role.TECH_COACH], 'Trosa coach');
    trosaNeed = await reportNeed(env.api, trosa, {
      title: 'Trygghetslarmet hörs inte i duschen',
      description: 'Brukare som faller i duschen kan inte larma: larmknappen tål inte vatten.',
    });
    expect((await changeStatus(env.api, staff, trosaNeed.id, 'TRIAGED')).data?.changeNeedStatus.status).toBe('TRIAGED');
    coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Kim Coach');
    ({ page } = await newUserPage(env, PHONE));
    await signIn(page, coach);
  });
  afterAll(() => env?.close());

  it('says "we have this too" to a similar need that appears while typing, instead of filing a duplicate', async () => {
    // On a phone: a compact header whose menu is a disclosure button (focus handled, Escape closes).
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    const menu = page.getByRole('button', { name: 'Meny' });
    expect(await nav.isVisible()).toBe(false);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
    expect(heading!.y).toBeLessThan(140);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Start',
      'Rapportera behov',
      'Mina behov',
      'Registrera aktivitet',
      'Min coachprofil',
      'Beslut',
      'Uppföljningar',
      'Kunskapsbank',
    ]);
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Start');
    await checkPage(page, 'coach-phone-menu-open');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Meny');
    await menu.press('Enter');
    await nav.getByRole('link', { name: 'Mina behov' }).click();
    await page.getByRole('heading', { name: 'Mina behov', level: 1 }).waitFor();
    expect(await nav.isVisible()).toBe(false);
    await page.goto('/behov/nytt');
    await page.getByRole('heading', { name: 'Rapportera ett behov', level: 1 }).waitFor();
    await page.getByLabel('Rubrik', { exact: true }).fill('Trygghetslarm hörs inte');
    const similar = page.getByRole('region', { name: 'Liknande behov i länet' });
    await similar.getByRole('link', { name: trosaNeed.title }).waitFor();
    await checkPage(page, 'coach-report-similar');
    await similar.getByRole('button', { name: `Vi har också detta: ${trosaNeed.title}` }).click();
    await page.getByText(`Tack! Er organisation står nu bakom behovet ”${trosaNeed.title}”.`).waitFor();
    const endorsed = await env.api.gql(
      `query($id: ID!) { need(id: $id) { endorsementCount } }`,
      { id: trosaNeed.id },
      { token: staff.token },
    );
    expect(endorsed.data?.need.endorsementCount).toBe(1);
    // The draft was emptied: the coach filed nothing.
    expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe('');
  });

  it('reports a new need in under a minute, with the fields the api takes', async () => {
    const started = Date.now();
    await page.goto('/behov/nytt');
    await page.getByLabel('Rubrik', { exact: true }).fill('Nattlampor saknas i korridoren');
    await page
      .getByLabel('Beskrivning', { exact: true })
      .fill('Brukare som går upp på natten ser inte var de går och har fallit två gånger i höst.');
    const choose = async (label: string, option: string) => {
      await page.getByRole('button', { name: new RegExp(label) }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    // Submitting without the required choices keeps the text and names each missing field.
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.getByRole('alert').getByText('Välj vem behovet gäller.').waitFor();
    expect(await page.getByLabel('Rubrik', { exact: true }).inputValue()).toBe('Nattlampor saknas i korridoren');
    await choose('Vem gäller det', 'Brukare i särskilt boende');
    await choose('Verksamhet', 'Särskilt boende');
    await choose('Hur brådskande', 'Hög');
    await page.getByLabel('Ungefär hur många berörs? (frivilligt)', { exact: true }).fill('12');
    await checkPage(page, 'coach-report-filled');
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.getByRole('heading', { name: 'Nattlampor saknas i korridoren', level: 1 }).waitFor();
    await page.getByText('Behovet är rapporterat.').waitFor();
    expect(Date.now() - started).toBeLessThan(60_000);
    await page.getByText('Ny', { exact: true }).first().waitFor();
    await checkPage(page, 'coach-need-reported');
  });

  it('lists my needs with their status, and the history links to the test that moved one', async () => {
    const mine = await env.api.gql<{ myNeeds: { nodes: { id: string; title: string }[] } }>(
      `{ myNeeds(first: 5) { nodes { id title } } }`,
      {},
      { token: coach.token },
    );
    const need = mine.data!.myNeeds.nodes.find((n) => n.title === 'Nattlampor saknas i korridoren')!;
    expect((await changeStatus(env.api, staff, need.id, 'TRIAGED')).errors).toBeUndefined();
    const lead = await createUser(env.api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Flen samordnare');
    const protocol = (
      await createProtocol(env.api, lead, {
        title: 'Nattbelysning med rörelsesensor',
        category: 'PASSIVE_ALARM',
        needIds: [need.id],
      })
    ).data!.createTestProtocol;
    expect((await changeProtocolStatus(env.api, lead, protocol.id, 'RUNNING')).errors).toBeUndefined();

    await page.goto('/behov/mina');
    await page.getByRole('heading', { name: 'Mina behov', level: 1 }).waitFor();
    const card = page.locator('li.card', { has: page.getByRole('link', { name: 'Nattlampor saknas i korridoren' }) });
    await card.getByText('I test').waitFor();
    await checkPage(page, 'coach-my-needs');
    await card.getByRole('link', { name: 'Nattlampor saknas i korridoren' }).click();
    const history = page
      .getByRole('region', { name: 'Vad har hänt' })
      .or(page.locator('section[aria-labelledby="history-heading"]'));
    await history.getByText('Testas: Nattbelysning med rörelsesensor').waitFor();
    expect(await history.getByRole('link', { name: 'Till testet' }).getAttribute('href')).toBe(
      `/testprotokoll/${protocol.id}`,
    );
    await checkPage(page, 'coach-need-history');
  });

  it('follows and unfollows a need', async () => {
    await page.goto(`/behov/${trosaNeed.id}`);
    // Endorsing followed it.
    await page.getByText('Du följer behovet').waitFor();
    await page.getByRole('button', { name: 'Sluta följa' }).click();
    await page.getByRole('button', { name: 'Följ behovet' }).click();
    await page.getByText('Du följer behovet').waitFor();
    const followed = await env.api.gql(
      `query($id: ID!) { need(id: $id) { followedByMe } }`,
      { id: trosaNeed.id },
      { token: coach.token },
    );
    expect(followed.data?.need.followedByMe).toBe(true);
  });

  it('creates my coach profile, then records a coach activity', async () => {
    await page.goto('/coach/aktivitet');
    await page.getByText('Du behöver en coachprofil').waitFor();
    await page.getByRole('link', { name: 'Skapa min profil' }).click();
    await page.getByLabel('Enhet', { exact: true }).fill('Hemtjänst Väst');
    await page.getByRole('button', { name: /Verksamhet/ }).click();
    await page.getByRole('option', { name: 'Hemtjänst', exact: true }).click();
    await page.getByText('Digitalt trygghetslarm', { exact: true }).click();
    expect(await page.getByRole('checkbox', { name: 'Digitalt trygghetslarm' }).isChecked()).toBe(true);
    await checkPage(page, 'coach-profile');
    await page.getByRole('button', { name: 'Skapa min profil' }).click();
    await page.getByText('Sparat.').waitFor();

    await page.goto('/coach/aktivitet');
    await page.getByRole('button', { name: /Typ av aktivitet/ }).click();
    await page.getByRole('option', { name: 'Utbildning', exact: true }).click();
    await page.getByLabel('Antal medarbetare som nåddes', { exact: true }).fill('6');
    await page.getByLabel('Kort anteckning (frivilligt)', { exact: true }).fill('Visade nya larmknappen på APT');
    await page.getByRole('button', { name: 'Spara aktiviteten' }).click();
    await page.getByText('Aktiviteten är sparad.').waitFor();
    await page.getByText('Visade nya larmknappen på APT').waitFor();
    await checkPage(page, 'coach-activity');
  });
});
