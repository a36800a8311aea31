import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { reportNeed } from '../support/needs-builders.js';
import {
  alarmCatalog,
  CHANGE_STATUS,
  CREATE_PROCUREMENT,
  mobileAlarmProcurement,
} from '../support/procurement-builders.js';
import { submittedProtocol } from '../support/review-builders.js';
import { vote } from '../support/testbed-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(120_000);

/** Node staff run a joint procurement: its requirement specification, version by version, its creation and its award. */
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
    const created = await env.api.gql(
      CREATE_PROCUREMENT,
      { i: mobileAlarmProcurement({ title: 'Upphandling av trygghetslarm' }) },
      { token: staff.token },
    );
    await page.goto(`/upphandlingar/${created.data!.createProcurement.id}`);
    await page.getByRole('heading', { name: 'Upphandling av trygghetslarm', level: 1 }).waitFor();
    const spec = page.getByRole('region', { name: 'Kravspecifikation' });
    await spec.getByText('Ingen version är publicerad än.').waitFor();
    await spec
      .getByLabel('Vad versionen innehåller eller ändrar')
      .fill('Första utkastet: larmkrav och integration med journalen.');
    await spec.getByLabel('Länkar till dokumenten').fill('http://dokument.example.se/krav-v1.pdf');
    await spec.getByRole('button', { name: 'Publicera versionen' }).click();
    await spec.getByRole('alert').first().waitFor();
    expect(await spec.getByLabel('Länkar till dokumenten').getAttribute('aria-invalid')).toBe('true');
    expect(await spec.getByLabel('Vad versionen innehåller eller ändrar').inputValue()).toBe(
      'Första utkastet: larmkrav och integration med journalen.',
    );
    await spec.getByLabel('Länkar till dokumenten').fill('https://dokument.example.se/krav-v1.pdf');
    await spec.getByRole('button', { name: 'Publicera versionen' }).click();
    await spec.getByText('Version 1 av kravspecifikationen är publicerad.').waitFor();
    await spec.getByRole('link', { name: 'https://dokument.example.se/krav-v1.pdf' }).waitFor();
    await spec.getByRole('heading', { name: 'Publicera version 2' }).waitFor();
    await spec
      .getByLabel('Vad versionen innehåller eller ändrar')
      .fill('Svarstider för larm skärpta efter dialog med leverantörer.');
    await spec.getByRole('button', { name: 'Publicera versionen' }).click();
    await spec.getByText('Version 2 av kravspecifikationen är publicerad.').waitFor();
    await spec.getByText(/^Version 2,/).waitFor();
    await spec.getByText(/^Version 1,/).waitFor();
    await checkPage(page, 'staff-procurement-spec');
  });
  it('creates a procurement with two lots answering a need; a window that closes before it opens is refused next to the field', async () => {
    const coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Tove Coach');
    const need = await reportNeed(env.api, coach, {
      title: 'Larmet fungerar inte utomhus',
      category: 'MOBILE_SAFETY_ALARM',
    });
    const admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN], 'Ada Admin');
    await env.api.gql(
      `mutation { configureSteeringQuorum(input: { rule: MINIMUM_VOTES, minimumVotes: 2 }) { minimumVotes } }`,
      {},
      { token: admin.token },
    );
    const lead = await createUser(env.api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna samordnare');
    const protocol = await submittedProtocol(env.api, lead, [], {
      category: 'MOBILE_SAFETY_ALARM',
      title: 'Mobila larm med GPS i hemtjänsten',
    });
    await vote(
      env.api,
      await createUser(env.api, '0488', [Role.STEERING_MEMBER], 'Tova Trosa'),
      protocol.versionId,
      'RECOMMEND',
    );
    const decided = await vote(
      env.api,
      await createUser(env.api, '0484', [Role.STEERING_MEMBER], 'Eskil Ledamot'),
      protocol.versionId,
      'RECOMMEND',
    );
    const decisionId = decided.data!.castSteeringVote.decision.id as string;
    await page.goto('/upphandlingar');
    await page.getByRole('link', { name: 'Ny upphandling' }).click();
    await page.getByRole('heading', { name: 'Ny gemensam upphandling', level: 1 }).waitFor();
    await page.getByLabel('Upphandlingens namn').fill('Gemensam upphandling av läkemedelsautomater');
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Mobilt trygghetslarm' }).click();
    await page.getByText(/^Larmet fungerar inte utomhus/).click();
    await page
      .getByRole('group', { name: 'Styrgruppsbeslut som upphandlingen bygger på' })
      .getByText(/^Mobila larm med GPS i hemtjänsten: Rekommendera/)
      .click();
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
    // A reload (or a lost connection) keeps what was typed: the draft lives in the tab's session storage.
    await page.reload();
    await page.getByRole('heading', { name: 'Ny gemensam upphandling', level: 1 }).waitFor();
    expect(await page.getByLabel('Delområde 2: namn').inputValue()).toBe('Larm i särskilt boende');
    expect(await page.getByLabel('Upphandlingens namn').inputValue()).toBe(
      'Gemensam upphandling av läkemedelsautomater',
    );
    await checkPage(page, 'staff-procurement-new-error');
    await page.getByRole('group', { name: 'Sista dag att anmäla sig' }).getByRole('spinbutton').first().click();
    await page.keyboard.type('20261231');
    await page.getByRole('button', { name: 'Skapa upphandlingen' }).click();
    await page.getByRole('heading', { name: 'Gemensam upphandling av läkemedelsautomater', level: 1 }).waitFor();
    // Under its label "Anmälningsperiod", the dates alone (not "Anmälningsperiod: Anmälan …").
    await page.locator('dl.facts').getByText('15 december 2026 – 31 december 2026', { exact: true }).waitFor();
    await page.locator('dl.facts').getByText('Planerad').waitFor();
    const id = page.url().split('/').pop()!;
    const saved = await env.api.gql(
      `query($id: ID!) { procurement(id: $id) { estimatedValueSek lots { number name } needs { id } decisions { id } } }`,
      { id },
      { token: staff.token },
    );
    expect(saved.data!.procurement).toEqual({
      estimatedValueSek: 2_500_000,
      lots: [
        { number: 1, name: 'Larm med GPS' },
        { number: 2, name: 'Larm i särskilt boende' },
      ],
      needs: [{ id: need.id }],
      decisions: [{ id: decisionId }],
    });
    // The next new procurement starts empty: the accepted draft is gone.
    await page.goto('/upphandlingar/ny');
    expect(await page.getByLabel('Upphandlingens namn').inputValue()).toBe('');
  });

  it('awards the framework agreement: terms, extension options, contract follow-up, suppliers ranked per lot with their products', async () => {
    const catalog = await alarmCatalog(env.api, staff.token);
    const created = await env.api.gql(
      CREATE_PROCUREMENT,
      { i: mobileAlarmProcurement({ title: 'Upphandling av mobila larm att tilldela' }) },
      { token: staff.token },
    );
    const procurement = created.data!.createProcurement as { id: string; lots: { id: string }[] };
    for (const status of ['OPEN_FOR_PARTICIPATION', 'TENDERING'])
      await env.api.gql(CHANGE_STATUS, { i: { id: procurement.id, status } }, { token: staff.token });
    await page.goto('/');
    await page
      .getByRole('region', { name: 'Att göra' })
      .getByRole('link', { name: '1 upphandling i anbudsfas väntar på tilldelning' })
      .click();
    const all = page.getByRole('region', { name: 'Alla upphandlingar' });
    await all
      .getByRole('row', { name: /Upphandling av mobila larm att tilldela/ })
      .getByText('Anbudsfas')
      .waitFor();
    await checkPage(page, 'staff-procurements');
    await all.getByRole('link', { name: 'Upphandling av mobila larm att tilldela' }).click();
    const award = page.getByRole('region', { name: 'Tilldela ramavtal' });
    await award.waitFor();
    const date = async (label: string, typed: string) => {
      await award.getByRole('group', { name: label }).getByRole('spinbutton').first().click();
      await page.keyboard.type(typed);
    };
    // Supplier names end in a random tag (alarmCatalog): paste the start (one input event), pick the match.
    const chooseSupplier = async (group: string, name: string) => {
      const row = award.getByRole('group', { name: group });
      await row.getByRole('combobox', { name: /^Leverantör/ }).fill(name);
      await page.getByRole('option', { name: new RegExp(`^${name}`) }).click();
      return row;
    };
    await date('Avtalet gäller från', '20270101');
    await date('Avtalet gäller till och med', '20281231');
    await award.getByRole('button', { name: /Avropsmetod/ }).click();
    await page.getByRole('option', { name: 'Direkt avrop enligt rangordning' }).click();
    await award.getByRole('button', { name: 'Lägg till förlängningsoption' }).click();
    await award.getByLabel('Option 1: antal månader').fill('24');
    expect(await award.getByRole('combobox', { name: 'Organisation som följer upp avtalet' }).inputValue()).toBe(
      'Välfärdstekniknoden Sörmland',
    );
    await award.getByLabel('Kontaktperson för avtalsuppföljning').fill('Ulla Uppföljare');
    await award.getByLabel('Kontaktpersonens e-postadress').fill('ulla.uppfoljare@noden.example.se');

    const first = await chooseSupplier('Delområde 1, leverantör 1', 'Trygga Larm AB');
    await first.getByText(/^GoSafe GPS/).click();
    await award.getByRole('button', { name: 'Lägg till leverantör i delområde 1' }).click();
    const second = await chooseSupplier('Delområde 1, leverantör 2', 'Nordlarm AB');
    await second.getByText(/^Nordlarm Mobil/).click();
    await second.getByLabel('Rang för leverantör 2').fill('1');
    const indoor = await chooseSupplier('Delområde 2, leverantör 1', 'Trygga Larm AB');
    await indoor.getByText(/^GoSafe Inne/).click();

    await award.getByRole('button', { name: 'Tilldela ramavtalet' }).click();
    await award.getByRole('alert').first().waitFor();
    expect(await second.getByLabel('Rang för leverantör 2').getAttribute('aria-invalid')).toBe('true');
    await second.getByText('Två leverantörer har rangordning 1 i samma delområde.').first().waitFor();
    expect(await award.getByLabel('Kontaktperson för avtalsuppföljning').inputValue()).toBe('Ulla Uppföljare');
    await checkPage(page, 'staff-procurement-award-error');

    await second.getByLabel('Rang för leverantör 2').fill('2');
    await award.getByRole('button', { name: 'Tilldela ramavtalet' }).click();
    await page.getByRole('heading', { name: 'Ramavtal: Upphandling av mobila larm att tilldela', level: 1 }).waitFor();
    await page.getByText('Gäller 1 januari 2027 – 31 december 2028').waitFor();
    await page.getByText(/Välfärdstekniknoden Sörmland: Ulla Uppföljare/).waitFor();
    const lot1 = page.getByRole('region', { name: /^Delområde 1/ });
    expect(await lot1.getByRole('row').allInnerTexts()).toEqual([
      expect.stringContaining('Rang'),
      expect.stringMatching(/^1\s+Trygga Larm AB.*GoSafe GPS/),
      expect.stringMatching(/^2\s+Nordlarm AB.*Nordlarm Mobil/),
    ]);
    await page
      .getByRole('region', { name: /^Delområde 2/ })
      .getByText('GoSafe Inne')
      .waitFor();
    await checkPage(page, 'staff-agreement-awarded');

    const extensions = page.getByRole('region', { name: 'Förlängningsoptioner' });
    await extensions.getByRole('button', { name: 'Utnyttja option 1 (24 månader)' }).click();
    await extensions.getByText('Avtalet är förlängt till 31 december 2030.').waitFor();
    await page.getByText('Gäller 1 januari 2027 – 31 december 2030').waitFor();

    const saved = await env.api.gql(
      `query($id: ID!) { procurement(id: $id) { status frameworkAgreement { callOffMethod followUpContactEmail lots { number awardedSuppliers { ranking supplierId products { id } } } } } }`,
      { id: procurement.id },
      { token: staff.token },
    );
    expect(saved.data!.procurement).toEqual({
      status: 'AWARDED',
      frameworkAgreement: {
        callOffMethod: 'DIRECT_BY_RANKING',
        followUpContactEmail: 'ulla.uppfoljare@noden.example.se',
        lots: [
          {
            number: 1,
            awardedSuppliers: [
              { ranking: 1, supplierId: catalog.supplierA, products: [{ id: catalog.gpsAlarm }] },
              { ranking: 2, supplierId: catalog.supplierB, products: [{ id: catalog.otherGpsAlarm }] },
            ],
          },
          {
            number: 2,
            awardedSuppliers: [{ ranking: 1, supplierId: catalog.supplierA, products: [{ id: catalog.indoorAlarm }] }],
          },
        ],
      },
    });
  });
});
