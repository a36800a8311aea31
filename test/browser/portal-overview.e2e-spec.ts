import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, organizationByCode, type TestUser } from '../support/builders.js';
import { createSystem, setOrganizationSystem } from '../support/catalog-builders.js';
import { vote } from '../support/testbed-builders.js';
import { submittedProtocol } from '../support/review-builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(180_000);

/**
 * Everyone's knowledge portal (search in Swedish, highlighted snippets, filters, writing and publishing an
 * article), a decision with its transferability for my municipality, and the steering group's county overview
 * with charts, tables and CSV.
 */
describe('web app: knowledge portal, transferability and the county overview', () => {
  let env: BrowserEnv;
  let staff: TestUser;
  let coordinator: TestUser;
  let member: TestUser;
  let protocol: { id: string; title: string; versionId: string };
  let decisionId: string;
  let flensJournal: string;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN], 'admin');
    await env.api.gql(
      `mutation { configureSteeringQuorum(input: { rule: MINIMUM_VOTES, minimumVotes: 2 }) { minimumVotes } }`,
      {},
      { token: admin.token },
    );
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    coordinator = await createUser(env.api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Alva Samordnare');
    member = await createUser(env.api, '0488', [Role.STEERING_MEMBER], 'Tova Trosa');
    const lead = await createUser(env.api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna samordnare');
    const trosa = await createUser(env.api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'Trosa samordnare');
    protocol = await submittedProtocol(env.api, lead, [trosa]);
    await vote(env.api, member, protocol.versionId, 'RECOMMEND', { rationale: 'Färre väckta brukare på natten.' });
    const second = await createUser(env.api, '0484', [Role.STEERING_MEMBER], 'Eskilstuna ledamot');
    const decided = await vote(env.api, second, protocol.versionId, 'RECOMMEND', { rationale: 'Tydliga resultat.' });
    decisionId = decided.data!.castSteeringVote.decision.id;
    const journalId = await createSystem(env.api, staff, 'CARE_DOCUMENTATION', 'Flens journal', ['4.2']);
    flensJournal = (
      await env.api.gql(`query($id: ID!) { system(id: $id) { name } }`, { id: journalId }, { token: staff.token })
    ).data!.system.name;
    await setOrganizationSystem(env.api, coordinator, (await organizationByCode(env.api, '0482')).id, journalId, '4.2');
    const coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'coach');
    for (const title of ['Larmen hörs inte i köket', 'Dörrlarm saknas', 'Surfplattor till anhöriga'])
      await changeStatus(env.api, staff, (await reportNeed(env.api, coach, { title })).id, 'TRIAGED');
    ({ page } = await newUserPage(env));
  });
  afterAll(() => env?.close());

  it('a coordinator writes an article as a draft; node staff publish it', async () => {
    await signIn(page, coordinator);
    await page.getByRole('link', { name: 'Kunskapsbank' }).click();
    await page.getByRole('link', { name: 'Skriv en artikel' }).click();
    await page.getByLabel('Rubrik', { exact: true }).fill('Så bytte Flen till digitala trygghetslarm');
    await page
      .getByLabel('Sammanfattning', { exact: true })
      .fill('Erfarenheter från bytet till digitala trygghetslarm i hemtjänsten.');
    await page
      .getByLabel('Text', { exact: true })
      .fill('Vi började med en inventering av alla larm. <script>alert(1)</script> Personalen utbildades i två steg.');
    await page.getByRole('button', { name: /Typ av kunskap/ }).click();
    await page.getByRole('option', { name: 'Gott exempel', exact: true }).click();
    await page.getByRole('button', { name: /Källa/ }).click();
    await page.getByRole('option', { name: 'Erfarenhet från en verksamhet', exact: true }).click();
    await checkPage(page, 'knowledge-write');
    await page.getByRole('button', { name: 'Spara som utkast' }).click();
    await page.getByRole('heading', { name: 'Så bytte Flen till digitala trygghetslarm', level: 1 }).waitFor();
    await page.getByText('Utkast: syns bara för er organisation och noden tills det publiceras.').waitFor();
    const articleUrl = page.url();
    await page.getByRole('button', { name: 'Logga ut' }).click();

    await signIn(page, staff);
    await page.goto(articleUrl);
    await page.getByRole('button', { name: 'Publicera' }).click();
    await page.getByText('Utkast: syns bara', { exact: false }).waitFor({ state: 'detached' });
    await page.getByText('Erfarenhet från en verksamhet').waitFor();
    await checkPage(page, 'knowledge-article');
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });

  it('everyone finds it by a word inside a compound, with the match highlighted and markup shown as text, and filters', async () => {
    await signIn(page, member);
    await page.getByRole('link', { name: 'Kunskapsbank' }).click();
    await page.getByRole('searchbox', { name: 'Sök i kunskapsbanken' }).fill('larm');
    await page.getByRole('searchbox', { name: 'Sök i kunskapsbanken' }).press('Enter');
    const hit = page.locator('.hits li', {
      has: page.getByRole('link', { name: 'Så bytte Flen till digitala trygghetslarm' }),
    });
    await hit.waitFor();
    expect(await hit.locator('.snippet mark').count()).toBeGreaterThan(0);
    expect(await page.locator('.hits script').count()).toBe(0);
    expect(page.url()).toContain('q=larm');
    await checkPage(page, 'knowledge-search');
    // A filter narrows the hits and lives in the URL.
    await page.getByRole('button', { name: /Källa/ }).click();
    await page.getByRole('option', { name: 'Granskad studie', exact: true }).click();
    await page.getByText('0 träffar för ”larm”').waitFor();
    expect(page.url()).toContain('kalla=PEER_REVIEWED_STUDY');
    await page.getByRole('button', { name: 'Rensa filter' }).click();
    await hit.waitFor();
  });

  it('the steering group sees the county overview as charts, each with its table and CSV, and the meeting exports', async () => {
    await page.getByRole('link', { name: 'Länsöversikt' }).click();
    await page.getByRole('heading', { name: 'Länsöversikt', level: 1 }).waitFor();
    const needs = page.locator('section.chart', { has: page.getByRole('heading', { name: 'Behov per status' }) });
    await needs.getByRole('img', { name: /Behov per status/ }).waitFor();
    await needs.getByText('Visa siffrorna som tabell').click();
    await needs.getByRole('row', { name: 'Bedömd 3' }).waitFor();
    await page
      .locator('section.chart', { has: page.getByRole('heading', { name: 'Uppföljningar per kommun' }) })
      .waitFor();
    await page
      .locator('section.chart', { has: page.getByRole('heading', { name: 'Upptag per 10 000 invånare' }) })
      .waitFor();
    await checkPage(page, 'overview');
    const [chartCsv] = await Promise.all([
      page.waitForEvent('download'),
      needs.getByRole('button', { name: 'Ladda ner ”Behov per status” som CSV' }).click(),
    ]);
    const chart = readFileSync(await chartCsv.path(), 'utf8');
    expect(chart.startsWith('\uFEFFGrupp;Antal\r\n')).toBe(true);
    expect(chart).toContain('Bedömd;3\r\n');
    const [decisionsCsv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Beslut', exact: true }).click(),
    ]);
    const decisions = readFileSync(await decisionsCsv.path(), 'utf8');
    expect(decisions.charCodeAt(0)).toBe(0xfeff);
    expect(decisions).toContain(';');
    expect(decisions).toContain(protocol.title);
    await page.getByRole('button', { name: 'Logga ut' }).click();
  });

  it('a coordinator sees on the decision what the test did not cover in Flen, and its thread', async () => {
    await signIn(page, coordinator);
    await page.goto(`/beslut/${decisionId}`);
    const card = page.locator('section', {
      has: page.getByRole('heading', { name: /Överförbarhet till Flens kommun/ }),
    });
    await card.getByText(`System ni använder som ingen testdeltagare hade: ${flensJournal} 4.2`).waitFor();
    await checkPage(page, 'decision-transferability');
    await page.getByRole('link', { name: 'Visa hela tråden' }).click();
    await page.getByRole('heading', { name: 'Tråden från behov till uppföljning', level: 1 }).waitFor();
    await page.locator('.thread-step.current').getByText('Styrgruppens beslut').waitFor();
    // What comes next is shown too, so nobody has to ask where the thread stands.
    expect(await page.locator('.thread-step.to-come .thread-kind').allInnerTexts()).toEqual([
      'GEMENSAM UPPHANDLING',
      'RAMAVTAL',
      'INFÖRANDE',
      'UPPFÖLJNING EFTER 12 OCH 24 MÅNADER',
    ]);
    await page.locator('.thread-step.to-come').first().getByText('Inte ännu').waitFor();
    await checkPage(page, 'thread-decision');
  });
});
