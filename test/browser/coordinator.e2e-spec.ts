import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { ManualClock, Role } from '#core';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { ProcurementScanService } from '#procurement';
import type { GqlResponse } from '../support/test-api.js';
import { createUser, login, organizationByCode, type TestUser } from '../support/builders.js';
import {
  assertCompatibility,
  createProduct,
  createSupplier,
  createSystem,
  setOrganizationSystem,
} from '../support/catalog-builders.js';
import {
  AWARD,
  CHANGE_STATUS,
  CREATE_PROCUREMENT,
  JOIN,
  mobileAlarmProcurement,
} from '../support/procurement-builders.js';
import { followUpsOf } from '../support/followup-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(240_000);

/** A municipality coordinator in Flen: joins a procurement, calls off, records an implementation, keeps the landscape, answers a follow-up. */
describe('web app: municipality coordinator', () => {
  const clock = new ManualClock('2026-11-20T08:00:00.000Z');
  let env: BrowserEnv;
  let staff: TestUser;
  let coordinator: TestUser;
  let page: Page;
  let productName: string;
  let journal: string;
  let openProcurementTitle: string;
  let implementationId: string;

  const ok = (response: GqlResponse) => {
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const moveTo = async (instant: string) => {
    clock.set(instant);
    staff.token = await login(env.api, staff.email);
    coordinator.token = await login(env.api, coordinator.email);
  };

  beforeAll(async () => {
    env = await startBrowserEnv(clock);
    const api = env.api;
    staff = await createUser(api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    coordinator = await createUser(api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Alva Samordnare');
    const flen = await organizationByCode(api, '0482');

    // The catalogue: a camera that works with the journal up to version 7 and not from 8; another journal nobody tested.
    const supplierId = await createSupplier(api, staff, 'Tillsyn AB');
    const productId = await createProduct(api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera', ['3.1'], supplierId);
    productName = ok(
      await api.gql(`query($id: ID!) { product(id: $id) { name } }`, { id: productId }, { token: staff.token }),
    ).product.name;
    const journalId = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Omsorgsjournal', ['7.0', '8.0']);
    journal = ok(
      await api.gql(`query($id: ID!) { system(id: $id) { name } }`, { id: journalId }, { token: staff.token }),
    ).system.name;
    const otherId = await createSystem(api, staff, 'CARE_DOCUMENTATION', 'Annan journal', ['2.0']);
    await assertCompatibility(api, staff, {
      productId,
      systemId: journalId,
      systemVersions: '>=7 <8',
      status: 'SUPPORTED',
    });
    await assertCompatibility(api, staff, {
      productId,
      systemId: journalId,
      systemVersions: '>=8',
      status: 'NOT_SUPPORTED',
      note: 'Larm når inte journalen',
    });
    ok(await setOrganizationSystem(api, coordinator, flen.id, journalId, '7.0'));
    ok(await setOrganizationSystem(api, coordinator, flen.id, otherId, '2.0'));

    // An agreement Flen took part in, in force from 22 November.
    const bought = ok(
      await api.gql(
        CREATE_PROCUREMENT,
        {
          i: mobileAlarmProcurement({
            title: 'Digital nattillsyn 2026',
            category: 'DIGITAL_SUPERVISION',
            participationOpensOn: '2026-11-20',
            participationClosesOn: '2026-11-21',
            lots: [{ name: 'Kameror' }],
          }),
        },
        { token: staff.token },
      ),
    ).createProcurement;
    ok(
      await api.gql(CHANGE_STATUS, { i: { id: bought.id, status: 'OPEN_FOR_PARTICIPATION' } }, { token: staff.token }),
    );
    ok(
      await api.gql(
        JOIN,
        {
          i: {
            procurementId: bought.id,
            contactName: 'Alva',
            contactEmail: coordinator.email,
            volumes: [{ lotId: bought.lots[0].id, estimatedVolume: 20 }],
          },
        },
        { token: coordinator.token },
      ),
    );
    await moveTo('2026-11-22T08:00:00.000Z');
    ok(await api.gql(CHANGE_STATUS, { i: { id: bought.id, status: 'TENDERING' } }, { token: staff.token }));
    ok(
      await api.gql(
        AWARD,
        {
          i: {
            procurementId: bought.id,
            startsOn: '2026-11-22',
            endsOn: '2028-11-21',
            callOffMethod: 'DIRECT_BY_RANKING',
            followUpOrganizationId: (await organizationByCode(api, 'Noden')).id,
            followUpContactName: 'Avtalsförvaltare',
            followUpContactEmail: 'avtal@noden.example.se',
            lots: [{ lotId: bought.lots[0].id, suppliers: [{ supplierId, ranking: 1, productIds: [productId] }] }],
          },
        },
        { token: staff.token },
      ),
    );
    await env.api.app.get(ProcurementScanService).run();

    // A procurement open for joining from 23 November to 15 December.
    openProcurementTitle = 'Gemensam upphandling av mobila trygghetslarm';
    const open = ok(
      await api.gql(CREATE_PROCUREMENT, { i: mobileAlarmProcurement() }, { token: staff.token }),
    ).createProcurement;
    ok(await api.gql(CHANGE_STATUS, { i: { id: open.id, status: 'OPEN_FOR_PARTICIPATION' } }, { token: staff.token }));
    await moveTo('2026-11-23T08:00:00.000Z');
    ({ page } = await newUserPage(env));
  });
  afterAll(() => env?.close());

  it('joins an open procurement with volumes and a contact, changes it and withdraws', async () => {
    await signIn(page, coordinator);
    // The start page says what waits for the coordinator: a procurement the municipality can join.
    await page
      .getByRole('region', { name: 'Att göra' })
      .getByRole('link', { name: '1 upphandling är öppen för anmälan' })
      .waitFor();
    await page.getByRole('link', { name: 'Upphandlingar', exact: true }).click();
    await page.getByRole('heading', { name: 'Upphandlingar', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'Digital nattillsyn 2026' }).waitFor();
    await checkPage(page, 'coordinator-procurements');
    await page.getByRole('link', { name: openProcurementTitle }).click();
    await page.getByRole('heading', { name: openProcurementTitle, level: 1 }).waitFor();
    await page.getByLabel('Kontaktperson', { exact: true }).fill('Alva Samordnare');
    await page.getByLabel('Kontaktpersonens e-postadress').fill(coordinator.email);
    await page.getByLabel('Uppskattad volym, delområde 1: Mobila trygghetslarm med GPS').fill('120');
    await page.getByRole('button', { name: 'Anmäl oss' }).click();
    await page.getByText('Ni är anmälda till upphandlingen.').waitFor();
    await page.getByRole('row', { name: /Flens kommun 120/ }).waitFor();
    await page.getByLabel('Uppskattad volym, delområde 1: Mobila trygghetslarm med GPS').fill('150');
    await page.getByLabel('Uppskattad volym, delområde 2: Mobila larm i särskilt boende').fill('30');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await page.getByText('Ert deltagande är ändrat.').waitFor();
    await page.getByRole('row', { name: /Flens kommun 150 30/ }).waitFor();
    await checkPage(page, 'coordinator-procurement-joined');
    await page.getByRole('button', { name: 'Dra tillbaka vår anmälan' }).click();
    await page.getByText('Er anmälan är tillbakadragen.').waitFor();
    await page.getByRole('row', { name: /Flens kommun/ }).waitFor({ state: 'detached' });
    await page.getByLabel('Kontaktperson', { exact: true }).fill('Alva Samordnare');
    await page.getByLabel('Kontaktpersonens e-postadress').fill(coordinator.email);
    await page.getByLabel('Uppskattad volym, delområde 1: Mobila trygghetslarm med GPS').fill('100');
    await page.getByRole('button', { name: 'Anmäl oss' }).click();
    await page.getByText('Ni är anmälda till upphandlingen.').waitFor();
  });

  it('refuses a change after the window closed, saying when it was open, and keeps what was typed', async () => {
    const url = page.url();
    await moveTo('2026-12-16T08:00:00.000Z');
    await signIn(page, coordinator);
    await page.goto(url);
    await page.getByRole('heading', { name: openProcurementTitle, level: 1 }).waitFor();
    await page.getByLabel('Uppskattad volym, delområde 1: Mobila trygghetslarm med GPS').fill('90');
    await page.getByRole('button', { name: 'Spara ändringar' }).click();
    await page
      .getByRole('alert')
      .getByText(/Anmälan är öppen 2026-11-23–2026-12-15/)
      .waitFor();
    expect(await page.getByLabel('Uppskattad volym, delområde 1: Mobila trygghetslarm med GPS').inputValue()).toBe(
      '90',
    );
    await checkPage(page, 'coordinator-procurement-window-closed');
  });

  it('shows the compatibility warnings of a call-off before it is confirmed, then records an implementation from it', async () => {
    await page.getByRole('link', { name: 'Upphandlingar', exact: true }).click();
    await page.getByRole('link', { name: /Gäller 22 november 2026 – 21 november 2028/ }).click();
    await page.getByRole('heading', { name: 'Ramavtal: Digital nattillsyn 2026' }).waitFor();
    await page.getByRole('button', { name: `Avropa ${productName}` }).click();
    const warning = page.locator('.warning-box');
    await warning.getByText('Varning: kontrollera kompatibiliteten innan ni bekräftar avropet.').waitFor();
    // The agreement card: the api's own call-off warnings for our landscape, who called it off, open deviations.
    await warning.getByText(/^Okänt om version .* fungerar med Annan journal .*2\.0\.$/).waitFor();
    const card = page.getByRole('group', { name: `Avtalskort för ${productName}` });
    await card.getByText('Ingen kommun i länet har avropat produkten än.').waitFor();
    await card.getByText(/Inga öppna avvikelser från tester av produkten\.|avvikelse/).waitFor();
    await page.getByLabel('Antal').fill('20');
    await page.getByLabel('Värde (kr exkl. moms)').fill('48000');
    await checkPage(page, 'coordinator-call-off-warnings');
    // Nothing was written by looking: no call-off until it is confirmed.
    expect(await page.getByRole('heading', { name: 'Avrop (0)' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Bekräfta avrop' }).click();
    await page.getByText(`Avropet av ${productName} är registrerat.`).waitFor();
    await page.getByRole('status').getByRole('link', { name: 'Registrera införande' }).click();

    await page.getByRole('heading', { name: 'Registrera införande', level: 1 }).waitFor();
    await page.getByText(`Från avropet av ${productName}`).waitFor();
    const date = page.getByRole('group', { name: 'Startdatum' });
    await date.getByRole('spinbutton').first().click();
    await page.keyboard.type('20261220');
    await page.getByText('Individuell behovsbedömning').click();
    await page.getByText('Samtycke från personen själv').click();
    await page.getByRole('group', { name: 'Erbjudna' }).getByLabel('Kvinnor').fill('6');
    await page.getByRole('group', { name: 'Erbjudna' }).getByLabel('Män').fill('4');
    await page.getByRole('group', { name: 'Tackade ja' }).getByLabel('Kvinnor').fill('5');
    await page.getByRole('group', { name: 'Tackade ja' }).getByLabel('Män').fill('2');
    await page.getByRole('group', { name: 'Tackade nej' }).getByLabel('Män').fill('2');
    await checkPage(page, 'coordinator-record-implementation');
    await page.getByRole('button', { name: 'Registrera införandet' }).click();
    await page
      .getByRole('heading', { name: /^Införande:/ })
      .or(page.getByRole('alert'))
      .first()
      .waitFor();
    expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
    await page.getByRole('heading', { name: `Införande: ${productName}, Flens kommun` }).waitFor();
    await page.getByRole('row', { name: 'Erbjudna 6 4 0 10' }).waitFor();
    await page.getByRole('row', { name: 'Tackade ja 5 2 0 7' }).waitFor();
    await page.getByText('Samtycke från personen själv: klart').waitFor();
    await page.getByText('Utbildning av personal: inte klart').waitFor();
    await page.getByRole('link', { name: '12-månadersuppföljning' }).waitFor();
    await page.getByText('förfaller 20 december 2027').waitFor();
    implementationId = page.url().split('/').at(-1)!;
    await checkPage(page, 'coordinator-implementation');
    // Back on the agreement, the call-off leads to its implementation.
    await page.goBack();
    await page.goBack();
    const row = page
      .getByRole('row', { name: new RegExp(`${productName}`) })
      .filter({ has: page.getByRole('link', { name: 'Infört 20 december 2026' }) });
    expect(await row.getByRole('link', { name: 'Infört 20 december 2026' }).getAttribute('href')).toBe(
      `/inforanden/${implementationId}`,
    );
    await row.getByRole('link', { name: 'Registrera ytterligare ett införande' }).waitFor();
  });

  it('shows what upgrading the journal would break before saving it, removes a system, and lists compatible products', async () => {
    await page.getByRole('link', { name: 'Systemlandskap' }).click();
    await page.getByRole('heading', { name: 'Vårt systemlandskap' }).waitFor();
    await page.getByRole('button', { name: `Byt version av ${journal}` }).click();
    await page.getByLabel('Ny version').fill('8.0');
    await page.getByRole('button', { name: 'Visa vad bytet påverkar' }).click();
    await page.getByText(`${productName} (`, { exact: false }).filter({ hasText: 'slutar fungera' }).waitFor();
    // Nothing is saved until the coordinator says so.
    await page.getByRole('row', { name: new RegExp(`${journal}.*7\\.0`) }).waitFor();
    await checkPage(page, 'coordinator-landscape-upgrade-impact');
    await page.getByRole('button', { name: 'Spara version 8.0' }).click();
    await page.getByText(`${journal} är nu registrerat i version 8.0.`).waitFor();
    await page.getByRole('row', { name: new RegExp(`${journal}.*8\\.0`) }).waitFor();
    await page.getByRole('button', { name: /^Ta bort Annan journal/ }).click();
    await page.getByRole('button', { name: /^Bekräfta: ta bort Annan journal/ }).click();
    await page.getByText(/Annan journal .* är borttaget ur systemlandskapet\./).waitFor();
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Digital tillsyn (kamera)' }).click();
    await page.getByRole('heading', { name: 'Fungerar inte eller okänt' }).waitFor();
    await page.getByText(new RegExp(`${productName} \\(`)).waitFor();
    await checkPage(page, 'coordinator-landscape');
  });

  it('adds a system found by typing part of its name: the api searches the whole catalogue (it used to offer the first 100 systems only)', async () => {
    // More systems than one answer holds, all sorting before the one sought.
    for (let i = 0; i < 35; i++) await createSystem(env.api, staff, 'ALARM_RECEIVER', `Aaa larmcentral ${i}`, ['1.0']);
    const wanted = await createSystem(env.api, staff, 'ALARM_RECEIVER', 'Zeta larmmottagning', ['3.1']);
    const name = ok(
      await env.api.gql(`query($id: ID!) { system(id: $id) { name } }`, { id: wanted }, { token: staff.token }),
    ).system.name as string;
    await page.reload();
    const form = page.getByRole('region', { name: 'Lägg till system' });
    const field = form.getByRole('combobox', { name: /^System/ });
    await field.fill('Zeta larm');
    await page.getByRole('option', { name: new RegExp(`^${name} \\(`) }).click();
    await form.getByLabel('Version', { exact: true }).fill('3.1');
    await form.getByRole('button', { name: 'Lägg till', exact: true }).click();
    await page.getByRole('row', { name: new RegExp(`${name}.*3\\.1`) }).waitFor();
  });

  it('answers the 12-month follow-up on the indicator form, keeping a draft across a reload', async () => {
    await moveTo('2027-12-21T08:00:00.000Z');
    const [first] = await followUpsOf(env.api, implementationId);
    await env.api.app.get(FollowUpWorkflowService).runStep(FollowUpStep.Open, {
      followUpId: first.id,
      dueOn: first.due_on,
      scheduleVersion: first.schedule_version,
    });
    await signIn(page, coordinator);
    await page
      .getByRole('region', { name: 'Att göra' })
      .getByRole('link', { name: '1 uppföljning väntar på ert svar' })
      .waitFor();
    await page.getByRole('link', { name: 'Uppföljningar', exact: true }).click();
    await page.getByRole('heading', { name: 'Att besvara' }).waitFor();
    await checkPage(page, 'coordinator-follow-ups');
    await page.getByRole('link', { name: `12-månadersuppföljning: ${productName}` }).click();
    await page.getByLabel('Aktiva användare, kvinnor (personer)').fill('5');
    await page.getByLabel('Aktiva användare, män (personer)').fill('2');
    await page.getByRole('radiogroup', { name: 'Upplevd trygghet' }).getByText('4', { exact: true }).click();
    await page.reload();
    await page.getByText('Det du skrivit sparas på den här datorn tills du skickar svaret.').waitFor();
    expect(await page.getByLabel('Aktiva användare, kvinnor (personer)').inputValue()).toBe('5');
    expect(
      await page.getByRole('radiogroup', { name: 'Upplevd trygghet' }).getByRole('radio', { name: '4' }).isChecked(),
    ).toBe(true);
    // A required indicator left out: the api names it, next to its field.
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await page.getByRole('alert').getByText('Aktiva användare, annat/okänt kön (personer) måste besvaras.').waitFor();
    expect(await page.getByLabel('Aktiva användare, annat/okänt kön (personer)').getAttribute('aria-invalid')).toBe(
      'true',
    );
    await checkPage(page, 'coordinator-follow-up-errors');
    await page.getByLabel('Aktiva användare, annat/okänt kön (personer)').fill('0');
    await page
      .getByRole('radiogroup', { name: 'Möter fortfarande personens behov och önskemål' })
      .getByText('4', { exact: true })
      .click();
    await page.getByLabel('Avvikelser (st)').fill('1');
    await page.getByLabel('Tekniska fel (st)').fill('0');
    await page.getByRole('radiogroup', { name: 'Fortsatt användning' }).getByText('Ja', { exact: true }).click();
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await page.getByText('Tack! Uppföljningen är besvarad.').waitFor();
    await page.getByRole('heading', { name: 'Gällande svar (version 1)' }).waitFor();
    await checkPage(page, 'coordinator-follow-up-answered');
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).filter((k) => k.startsWith('noden.draft.followUp.')),
    );
    expect(stored).toEqual([]);
  });
});
