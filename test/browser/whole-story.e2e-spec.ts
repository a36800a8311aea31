import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { ManualClock, Role } from '#core';
import { FollowUpStep, FollowUpWorkflowService } from '#followup';
import { ProcurementScanService } from '#procurement';
import type { GqlResponse } from '../support/test-api.js';
import { createUser, login, organizationByCode, type TestUser } from '../support/builders.js';
import { createProduct, createSupplier } from '../support/catalog-builders.js';
import { vote } from '../support/testbed-builders.js';
import { submittedProtocol } from '../support/review-builders.js';
import { AWARD, CHANGE_STATUS, CREATE_PROCUREMENT, mobileAlarmProcurement } from '../support/procurement-builders.js';
import { followUpsOf } from '../support/followup-builders.js';
import { type BrowserEnv, checkPage, newUserPage, PHONE, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(300_000);

/**
 * The story Noden exists for, clicked through the web app by four people: a tech coach in Flen reports a need,
 * node staff triage it, a steering member casts the deciding vote on the test that answers it, Flen's
 * coordinator joins the joint procurement, calls off, records the implementation and answers its 12-month
 * follow-up; the coach then sees the outcome in the need's thread. What no web journey covers (running the
 * test, the award) happens through the api, as the people who do it would.
 */
describe('web app: the whole story from a coach’s need to the answered 12-month follow-up', () => {
  const clock = new ManualClock('2026-11-23T08:00:00.000Z');
  let env: BrowserEnv;
  let coach: TestUser;
  let staff: TestUser;
  let member: TestUser;
  let coordinator: TestUser;
  let lead: TestUser;
  let firstVoter: TestUser;
  let productId: string;
  let supplierId: string;
  let productName: string;
  let needId: string;
  let protocol: { id: string; title: string; versionId: string };
  let procurementId: string;
  const pages = new Map<string, { context: BrowserContext; page: Page }>();
  const NEED_TITLE = 'Nattliga tillsynsbesök väcker brukarna';

  const ok = (response: GqlResponse) => {
    expect(response.errors).toBeUndefined();
    return response.data!;
  };
  const moveTo = async (instant: string) => {
    clock.set(instant);
    for (const user of [staff, lead, coordinator]) user.token = await login(env.api, user.email);
  };
  const as = async (user: TestUser, viewport?: { width: number; height: number }) => {
    let entry = pages.get(user.email);
    if (!entry) {
      entry = await newUserPage(env, viewport);
      pages.set(user.email, entry);
    }
    await signIn(entry.page, user);
    return entry.page;
  };

  beforeAll(async () => {
    env = await startBrowserEnv(clock);
    const admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN], 'admin');
    ok(
      await env.api.gql(
        `mutation { configureSteeringQuorum(input: { rule: MINIMUM_VOTES, minimumVotes: 2 }) { minimumVotes } }`,
        {},
        { token: admin.token },
      ),
    );
    coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Kim Coach');
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    member = await createUser(env.api, '0488', [Role.STEERING_MEMBER], 'Tova Trosa');
    coordinator = await createUser(env.api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Alva Samordnare');
    lead = await createUser(env.api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna samordnare');
    firstVoter = await createUser(env.api, '0482', [Role.STEERING_MEMBER], 'Flen ledamot');
    supplierId = await createSupplier(env.api, staff, 'Tillsyn AB');
    productId = await createProduct(env.api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera', ['3.1'], supplierId);
    productName = ok(
      await env.api.gql(`query($id: ID!) { product(id: $id) { name } }`, { id: productId }, { token: staff.token }),
    ).product.name;
  });
  afterAll(() => env?.close());

  it('1. the coach reports the need on a phone', async () => {
    const page = await as(coach, PHONE);
    await page.goto('/behov/nytt');
    await page.getByLabel('Rubrik', { exact: true }).fill(NEED_TITLE);
    await page
      .getByLabel('Beskrivning', { exact: true })
      .fill('Ficklampan vid nattens tillsynsbesök väcker brukarna, som sedan inte somnar om.');
    for (const [label, option] of [
      ['Vem gäller det', 'Brukare i särskilt boende'],
      ['Verksamhet', 'Särskilt boende'],
      ['Hur brådskande', 'Hög'],
    ] as const) {
      await page.getByRole('button', { name: new RegExp(label) }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    }
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await page.getByText('Behovet är rapporterat.').waitFor();
    needId = page.url().split('/').at(-1)!;
  });

  it('2. node staff triage it', async () => {
    const page = await as(staff);
    await page.goto('/inkorg');
    await page
      .locator('li.card', { has: page.getByRole('heading', { name: NEED_TITLE }) })
      .getByRole('button', { name: 'Bedöm som relevant' })
      .click();
    await page.getByText(`”${NEED_TITLE}” är bedömt.`).waitFor();
  });

  it('3. a steering member casts the deciding vote on the test that answered it', async () => {
    protocol = await submittedProtocol(env.api, lead, [coordinator], { needIds: [needId], productId });
    ok(
      await vote(env.api, firstVoter, protocol.versionId, 'RECOMMEND', {
        rationale: 'Tydliga resultat för nattsömnen.',
      }),
    );
    const page = await as(member);
    await page.goto('/granskning');
    await page.getByRole('link', { name: protocol.title }).click();
    await page.getByText('Rekommendera', { exact: true }).click();
    await page.getByLabel('Motivering', { exact: true }).fill('Färre väckta brukare, och personalen vill fortsätta.');
    await page.getByRole('button', { name: 'Lägg rösten' }).click();
    await page.getByText('Er röst är lagd.').waitFor();
  });

  it('4. Flen’s coordinator joins the joint procurement that rests on the decision', async () => {
    const decisionId = ok(await env.api.gql(`{ decisions(first: 1) { nodes { id } } }`, {}, { token: staff.token }))
      .decisions.nodes[0].id;
    const created = ok(
      await env.api.gql(
        CREATE_PROCUREMENT,
        {
          i: mobileAlarmProcurement({
            title: 'Gemensam upphandling av digital nattillsyn',
            category: 'DIGITAL_SUPERVISION',
            needIds: [needId],
            testDecisionIds: [decisionId],
            lots: [{ name: 'Nattkameror' }],
          }),
        },
        { token: staff.token },
      ),
    ).createProcurement;
    procurementId = created.id;
    ok(
      await env.api.gql(
        CHANGE_STATUS,
        { i: { id: procurementId, status: 'OPEN_FOR_PARTICIPATION' } },
        { token: staff.token },
      ),
    );
    const page = await as(coordinator);
    await page.getByRole('link', { name: 'Upphandlingar', exact: true }).click();
    await page.getByRole('link', { name: 'Gemensam upphandling av digital nattillsyn' }).click();
    await page.getByLabel('Kontaktperson', { exact: true }).fill('Alva Samordnare');
    await page.getByLabel('Kontaktpersonens e-postadress').fill(coordinator.email);
    await page.getByLabel('Uppskattad volym, delområde 1: Nattkameror').fill('25');
    await page.getByRole('button', { name: 'Anmäl oss' }).click();
    await page.getByText('Ni är anmälda till upphandlingen.').waitFor();
  });

  it('5. after the award the coordinator calls off and records the implementation', async () => {
    await moveTo('2026-12-16T08:00:00.000Z');
    const lots = ok(
      await env.api.gql(
        `query($id: ID!) { procurement(id: $id) { lots { id } } }`,
        { id: procurementId },
        { token: staff.token },
      ),
    ).procurement.lots;
    ok(await env.api.gql(CHANGE_STATUS, { i: { id: procurementId, status: 'TENDERING' } }, { token: staff.token }));
    ok(
      await env.api.gql(
        AWARD,
        {
          i: {
            procurementId,
            startsOn: '2026-12-16',
            endsOn: '2028-12-15',
            callOffMethod: 'DIRECT_BY_RANKING',
            followUpOrganizationId: (await organizationByCode(env.api, 'Noden')).id,
            followUpContactName: 'Avtalsförvaltare',
            followUpContactEmail: 'avtal@noden.example.se',
            lots: [{ lotId: lots[0].id, suppliers: [{ supplierId, ranking: 1, productIds: [productId] }] }],
          },
        },
        { token: staff.token },
      ),
    );
    await env.api.app.get(ProcurementScanService).run();
    const page = await as(coordinator);
    await page.getByRole('link', { name: 'Upphandlingar', exact: true }).click();
    await page.getByRole('link', { name: /Gäller 16 december 2026/ }).click();
    await page.getByRole('button', { name: `Avropa ${productName}` }).click();
    await page.getByLabel('Antal').fill('25');
    await page.getByLabel('Värde (kr exkl. moms)').fill('75000');
    await page.getByRole('button', { name: 'Bekräfta avrop' }).click();
    await page.getByRole('status').getByRole('link', { name: 'Registrera införande' }).click();
    await page.getByRole('group', { name: 'Startdatum' }).getByRole('spinbutton').first().click();
    await page.keyboard.type('20261220');
    await page.getByText('Samtycke från personen själv').click();
    await page.getByRole('group', { name: 'Erbjudna' }).getByLabel('Kvinnor').fill('8');
    await page.getByRole('group', { name: 'Tackade ja' }).getByLabel('Kvinnor').fill('6');
    await page.getByRole('button', { name: 'Registrera införandet' }).click();
    await page.getByRole('heading', { name: `Införande: ${productName}, Flens kommun` }).waitFor();
  });

  it('6. a year on, the coordinator answers the 12-month follow-up', async () => {
    await moveTo('2027-12-21T08:00:00.000Z');
    const implementationId = ok(
      await env.api.gql(`{ implementations(first: 1) { nodes { id } } }`, {}, { token: coordinator.token }),
    ).implementations.nodes[0].id;
    const [first] = await followUpsOf(env.api, implementationId);
    await env.api.app.get(FollowUpWorkflowService).runStep(FollowUpStep.Open, {
      followUpId: first.id,
      dueOn: first.due_on,
      scheduleVersion: first.schedule_version,
    });
    const page = await as(coordinator);
    await page.getByRole('link', { name: 'Uppföljningar', exact: true }).click();
    await page.getByRole('link', { name: `12-månadersuppföljning: ${productName}` }).click();
    for (const [label, value] of [
      ['Aktiva användare, kvinnor (personer)', '6'],
      ['Aktiva användare, män (personer)', '0'],
      ['Aktiva användare, annat/okänt kön (personer)', '0'],
      ['Avvikelser (st)', '0'],
      ['Tekniska fel (st)', '1'],
    ]) {
      await page.getByLabel(label).fill(value);
    }
    await page
      .getByRole('radiogroup', { name: 'Möter fortfarande personens behov och önskemål' })
      .getByText('5 (mycket bra)', { exact: true })
      .click();
    await page.getByRole('radiogroup', { name: 'Upplevd trygghet' }).getByText('4', { exact: true }).click();
    await page.getByRole('radiogroup', { name: 'Fortsatt användning' }).getByText('Ja', { exact: true }).click();
    await page.getByRole('button', { name: 'Skicka svaret' }).click();
    await page.getByText('Tack! Uppföljningen är besvarad.').waitFor();
  });

  it('7. the coach sees the outcome in the need’s thread, every step a link', async () => {
    const page = await as(coach, PHONE);
    await page.goto('/behov/mina');
    await page.getByRole('link', { name: NEED_TITLE }).click();
    await page.getByText('Åtgärdad', { exact: true }).first().waitFor();
    await page.getByRole('link', { name: 'Visa hela tråden' }).click();
    await page.getByRole('heading', { name: 'Tråden från behov till uppföljning', level: 1 }).waitFor();
    const steps = page.locator('.thread-step');
    await steps.filter({ hasText: 'Behov' }).getByRole('link', { name: NEED_TITLE }).waitFor();
    expect(
      await steps.filter({ hasText: 'Test' }).getByRole('link', { name: protocol.title }).first().getAttribute('href'),
    ).toBe(`/testprotokoll/${protocol.id}`);
    expect(await steps.filter({ hasText: 'Gemensam upphandling' }).getByRole('link').first().getAttribute('href')).toBe(
      `/upphandlingar/${procurementId}`,
    );
    const implementation = steps.filter({ hasText: 'Införande' });
    await implementation.getByText(/12-månadersuppföljning: Besvarad .* används fortfarande/).waitFor();
    expect(await page.locator('.thread-step.to-come').count()).toBe(0);
    await checkPage(page, 'story-coach-thread');
  });
});
