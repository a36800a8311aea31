import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';

import { Role } from '#core';
import { createUser, organizationByCode, type TestUser } from '../support/builders.js';
import { createProduct } from '../support/catalog-builders.js';
import { reportNeed } from '../support/needs-builders.js';
import { createProtocol } from '../support/testbed-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(240_000);

/** Node staff take a test protocol from a draft plan to submission, with what happened during the test in between. */
describe('web app: test protocols from draft to submission', () => {
  let env: BrowserEnv;
  let staff: TestUser;
  let trosaCoordinator: TestUser;
  let page: Page;
  let productName: string;
  let needTitle: string;
  let flenName: string;
  let trosaName: string;
  let protocolId: string;
  const title = 'Digital nattillsyn i Flens hemtjänst';

  beforeAll(async () => {
    env = await startBrowserEnv();
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    trosaCoordinator = await createUser(env.api, '0488', [Role.MUNICIPALITY_COORDINATOR], 'Tora Trosa');
    const coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Kim Coach');
    flenName = (await organizationByCode(env.api, '0482')).name;
    trosaName = (await organizationByCode(env.api, '0488')).name;
    const productId = await createProduct(env.api, staff, 'DIGITAL_SUPERVISION', 'Nattkamera', ['3.1']);
    productName = (
      await env.api.gql(`query($id: ID!) { product(id: $id) { name } }`, { id: productId }, { token: staff.token })
    ).data!.product.name;
    needTitle = (
      await reportNeed(env.api, coach, { title: 'Nattlig tillsyn väcker brukarna', category: 'DIGITAL_SUPERVISION' })
    ).title;
    ({ page } = await newUserPage(env));
    await signIn(page, staff);
  });
  afterAll(() => env?.close());

  it('writes a plan; a relative’s consent is refused next to the field and nothing typed is lost', async () => {
    await page.getByRole('link', { name: 'Testprotokoll', exact: true }).click();
    await page.getByRole('heading', { name: 'Testprotokoll', level: 1 }).waitFor();
    await page.getByText('0 testprotokoll').waitFor();
    await checkPage(page, 'protocols-empty');
    await page.getByRole('link', { name: 'Nytt testprotokoll' }).click();
    await page.getByRole('heading', { name: 'Nytt testprotokoll', level: 1 }).waitFor();
    await page.getByLabel('Rubrik').fill(title);
    await page.getByRole('button', { name: /Teknikområde/ }).click();
    await page.getByRole('option', { name: 'Digital tillsyn (kamera)' }).click();
    await page.getByRole('button', { name: /Produkt/ }).click();
    await page.getByRole('option', { name: new RegExp(productName) }).click();
    await page.getByText(needTitle).click();
    await page.getByRole('button', { name: /Ledande organisation/ }).click();
    await page.getByRole('option', { name: flenName, exact: true }).click();
    await page.getByRole('group', { name: 'Deltagande organisationer' }).getByText(trosaName, { exact: true }).click();
    await page
      .getByRole('group', { name: 'Verksamheter där testet görs' })
      .getByText('Hemtjänst', { exact: true })
      .click();
    await page.getByLabel('Syfte').fill('Pröva om digital nattillsyn ger bättre nattsömn och färre onödiga besök.');
    await page.getByLabel('Förväntad nytta').fill('Brukare störs mindre nattetid.');
    await page.getByLabel('Nuläge före testet').fill('Fysiska tillsynsbesök 2–4 gånger per natt.');
    await page.getByLabel('Indikator').fill('Andel nätter utan väckande besök');
    await page.getByLabel('Målvärde').fill('80');
    await page.getByLabel('Enhet', { exact: true }).fill('%');
    await page.getByText('Vi avser att införa tekniken brett').click();
    await page.getByLabel('Informationssäkerhet').fill('Ingen lagring av bild; krypterad överföring.');
    await page.getByLabel('Arbetsmiljö').fill('Nattpersonalen tränas i larmhantering.');
    await page.getByLabel('Hur personal och brukare involveras').fill('Personal och brukare deltar i utvärderingen.');
    await page.getByLabel('Risker och hur de hanteras').fill('Tekniskt avbrott: reservrutin med fysisk tillsyn.');
    await page.getByRole('button', { name: /Samtycke/ }).click();
    await page.getByRole('option', { name: 'Anhörig samtycker' }).click();

    // A reload (or a lost connection) keeps everything typed in this tab.
    await page.reload();
    await page.getByRole('heading', { name: 'Nytt testprotokoll', level: 1 }).waitFor();
    expect(await page.getByLabel('Rubrik').inputValue()).toBe(title);
    expect(await page.getByLabel('Målvärde').inputValue()).toBe('80');
    expect(await page.getByRole('checkbox', { name: new RegExp(needTitle) }).isChecked()).toBe(true);

    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    const consent = page.getByRole('button', { name: /Samtycke/ });
    await page
      .getByRole('alert')
      .getByText(/aldrig av anhöriga eller ställföreträdare/)
      .waitFor();
    // The api's reason is shown next to the select it names (aria-describedby points at it).
    const describedBy = ((await consent.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const described = (await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(
      ' ',
    );
    expect(described).toMatch(/aldrig av anhöriga eller ställföreträdare \(S2:230\)/);
    expect(await page.getByLabel('Rubrik').inputValue()).toBe(title);
    await checkPage(page, 'protocol-new-consent-refused');

    await consent.click();
    await page.getByRole('option', { name: 'Personen samtycker själv', exact: true }).click();
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByText('Testprotokollet är sparat som utkast.').waitFor();
    protocolId = page.url().split('/').at(-1)!;
    const saved = await env.api.gql(
      `query($id: ID!) { testProtocol(id: $id) { status consentApproach broadRolloutIntended settings leadOrganization { name } participatingOrganizations { name } needs { title } product { name } successCriteria { name targetValue unit } } }`,
      { id: protocolId },
      { token: staff.token },
    );
    expect(saved.data?.testProtocol).toEqual({
      status: 'DRAFT',
      consentApproach: 'PERSON_THEMSELF',
      broadRolloutIntended: true,
      settings: ['HOME_CARE'],
      leadOrganization: { name: flenName },
      participatingOrganizations: [{ name: trosaName }],
      needs: [{ title: needTitle }],
      product: { name: productName },
      successCriteria: [{ name: 'Andel nätter utan väckande besök', targetValue: 80, unit: '%' }],
    });
    await checkPage(page, 'protocol-draft');
  });

  it('edits the plan while it is a draft, and starts the test', async () => {
    await page.getByRole('link', { name: 'Ändra planen' }).click();
    await page.getByRole('heading', { name: `Ändra planen: ${title}`, level: 1 }).waitFor();
    expect(await page.getByLabel('Indikator').inputValue()).toBe('Andel nätter utan väckande besök');
    await page.getByRole('button', { name: 'Lägg till ett kriterium' }).click();
    await page.getByLabel('Indikator').nth(1).fill('Personaltid per natt');
    await page.getByLabel('Målvärde').nth(1).fill('45');
    await page.getByLabel('Enhet', { exact: true }).nth(1).fill('minuter');
    await page
      .getByLabel('Risker och hur de hanteras')
      .fill('Tekniskt avbrott: reservrutin med fysisk tillsyn inom 30 minuter.');
    await checkPage(page, 'protocol-edit-plan');
    await page.getByRole('button', { name: 'Spara planen' }).click();
    await page.getByText('Planen är sparad.').waitFor();
    await page.getByText('reservrutin med fysisk tillsyn inom 30 minuter').waitFor();

    await page.getByRole('button', { name: /Ny status/ }).click();
    await page.getByRole('option', { name: 'Pågår', exact: true }).click();
    await page.getByLabel('Motivering').fill('Samtycken insamlade, utrustningen installerad.');
    await page.getByRole('button', { name: 'Ändra status' }).click();
    await page.getByText('Statusen är ändrad till Pågår.').waitFor();
    await page.getByText('Planen ligger fast medan testet pågår.').waitFor();
    await page.getByRole('link', { name: 'Ändra planen' }).waitFor({ state: 'detached' });
    await page.getByText('Samtycken insamlade, utrustningen installerad.').waitFor();
  });

  it('records participants by group and sex, observations, and deviations apart from technical faults', async () => {
    const participants = page.locator('section', {
      has: page.getByRole('heading', { name: 'Deltagare per grupp och kön' }),
    });
    await participants.getByRole('group', { name: 'Brukare' }).getByLabel('Kvinnor').fill('6');
    await participants.getByRole('group', { name: 'Brukare' }).getByLabel('Män').fill('4');
    await participants.getByRole('group', { name: 'Personal' }).getByLabel('Kvinnor').fill('5');
    await participants.getByRole('group', { name: 'Personal' }).getByLabel('Män').fill('2');
    await participants.getByRole('button', { name: 'Spara antalen' }).click();
    await page.getByText('Antalen är sparade.').waitFor();
    await participants.getByRole('row', { name: 'Brukare 6 4 0 10' }).waitFor();
    await participants.getByRole('row', { name: 'Personal 5 2 0 7' }).waitFor();
    expect(await participants.getByRole('group', { name: 'Brukare' }).getByLabel('Kvinnor').inputValue()).toBe('6');

    const observations = page.locator('section', {
      has: page.getByRole('heading', { name: 'Iakttagelser', exact: true }),
    });
    // The kind is required: said next to the select before anything is sent.
    await observations.getByLabel('Beskrivning').fill('Wifi saknas i två lägenheter.');
    await observations.getByRole('button', { name: 'Spara iakttagelsen' }).click();
    await observations.getByRole('alert').getByText('Välj ett alternativ i ”Slag”.').waitFor();
    await observations.getByRole('button', { name: /Slag/ }).click();
    await page.getByRole('option', { name: 'Hinder', exact: true }).click();
    await observations.getByRole('button', { name: 'Spara iakttagelsen' }).click();
    await page.getByText('Iakttagelsen är sparad.').waitFor();
    await observations.getByRole('button', { name: /Slag/ }).click();
    await page.getByRole('option', { name: 'Lärdom', exact: true }).click();
    await observations.getByLabel('Beskrivning').fill('Brukarna behöver se kameran före start.');
    await observations.getByRole('button', { name: 'Spara iakttagelsen' }).click();
    await observations.getByText('Brukarna behöver se kameran före start.').waitFor();
    await observations.getByText('Wifi saknas i två lägenheter.').waitFor();

    const deviations = page.locator('section', { has: page.getByRole('heading', { name: 'Avvikelser i vården' }) });
    await deviations.getByLabel('Beskrivning').fill('Brukare fick inget besök när kameran var avstängd.');
    await deviations.getByLabel('Åtgärd').fill('Rutin för manuell kontroll vid avbrott.');
    await deviations.getByRole('button', { name: 'Rapportera avvikelsen' }).click();
    await page.getByText('Avvikelsen är rapporterad.').waitFor();

    const faults = page.locator('section', { has: page.getByRole('heading', { name: 'Tekniska fel', exact: true }) });
    await faults.getByLabel('Vad som slutade fungera').fill('Kamerans nätverksmodul');
    await faults.getByLabel('Beskrivning').fill('Bilden frös under natten.');
    await faults.getByText('Felet är åtgärdat').click();
    await faults.getByRole('button', { name: 'Rapportera felet' }).click();
    await page.getByText('Felet är rapporterat.').waitFor();
    await faults.getByText('Bilden frös under natten. (åtgärdat)').waitFor();
    // Kept apart: the deviation is not among the faults, nor the fault among the deviations.
    expect(await faults.getByText('Brukare fick inget besök').count()).toBe(0);
    expect(await deviations.getByText('Bilden frös under natten').count()).toBe(0);
    await checkPage(page, 'protocol-running');

    const recorded = await env.api.gql(
      `query($id: ID!) { testProtocol(id: $id) { deviations { description actionTaken } technicalFaults { affectedComponent resolved } observations { kind } } }`,
      { id: protocolId },
      { token: staff.token },
    );
    expect(recorded.data?.testProtocol.deviations).toEqual([
      {
        description: 'Brukare fick inget besök när kameran var avstängd.',
        actionTaken: 'Rutin för manuell kontroll vid avbrott.',
      },
    ]);
    expect(recorded.data?.testProtocol.technicalFaults).toEqual([
      { affectedComponent: 'Kamerans nätverksmodul', resolved: true },
    ]);
    expect(recorded.data?.testProtocol.observations.map((o: { kind: string }) => o.kind).sort()).toEqual([
      'LESSON',
      'OBSTACLE',
    ]);
  });

  it('a participating municipality’s coordinator reports an opportunity but cannot change the status', async () => {
    const { context, page: other } = await newUserPage(env);
    await signIn(other, trosaCoordinator);
    await other.goto(`/testprotokoll/${protocolId}`);
    await other.getByRole('heading', { name: title, level: 1 }).waitFor();
    expect(await other.getByRole('heading', { name: 'Ändra status' }).count()).toBe(0);
    const observations = other.locator('section', {
      has: other.getByRole('heading', { name: 'Iakttagelser', exact: true }),
    });
    await observations.getByRole('button', { name: /Slag/ }).click();
    await other.getByRole('option', { name: 'Möjlighet', exact: true }).click();
    await observations.getByLabel('Beskrivning').fill('Samma lösning kan användas i särskilt boende.');
    await observations.getByRole('button', { name: 'Spara iakttagelsen' }).click();
    await observations.getByText(`Samma lösning kan användas i särskilt boende.`).waitFor();
    await observations.getByText(new RegExp(trosaName)).first().waitFor();
    await context.close();
  });

  it('records results per criterion, submits, and shows the frozen version with its content hash', async () => {
    await page.reload();
    await page.getByRole('button', { name: /Ny status/ }).click();
    await page.getByRole('option', { name: 'Avslutat', exact: true }).click();
    await page.getByRole('button', { name: 'Ändra status' }).click();
    await page.getByText('Statusen är ändrad till Avslutat.').waitFor();

    const results = page.locator('section', {
      has: page.getByRole('heading', { name: 'Resultat per framgångskriterium' }),
    });
    const first = results.locator('li', {
      has: page.getByRole('heading', { name: 'Andel nätter utan väckande besök' }),
    });
    await first.getByLabel('Uppmätt värde (%)').fill('85,5');
    await first.getByRole('button', { name: 'Spara resultatet' }).click();
    await first.getByRole('alert').getByText('Ange om målet uppnåddes.').waitFor();
    await first.getByText('Ja, målet uppnåddes').click();
    await first.getByLabel('Kommentar').fill('Tydlig förbättring efter första månaden.');
    await first.getByRole('button', { name: 'Spara resultatet' }).click();
    await results.getByText('Uppmätt: 85,5 % (uppnått)').waitFor();
    const second = results.locator('li', { has: page.getByRole('heading', { name: 'Personaltid per natt' }) });
    await second.getByLabel('Uppmätt värde (minuter)').fill('50');
    await second.getByText('Nej, målet uppnåddes inte').click();
    await second.getByRole('button', { name: 'Spara resultatet' }).click();
    await results.getByText('Uppmätt: 50 minuter (inte uppnått)').waitFor();
    await checkPage(page, 'protocol-completed');

    // The hand-in says what the knowledge basis lacks (here: the test period is not over) and asks why.
    const handIn = page.locator('section', { has: page.getByRole('heading', { name: 'Lämna in för granskning' }) });
    await handIn.getByText(/Det här saknas i underlaget|Underlaget är komplett/).waitFor();
    const reason = handIn.getByLabel('Varför ska protokollet lämnas in ändå?');
    if (await reason.count()) await reason.fill('Resultaten räcker för ett beslut om fortsatt test.');
    await page.getByRole('button', { name: 'Lämna in för granskning' }).click();
    const notice = page.getByText(/^Version 1 är inlämnad och fryst\./);
    await notice.waitFor();
    const version = (
      await env.api.gql(
        `query($id: ID!) { testProtocol(id: $id) { status versions { versionNumber contentHash contentHashVerified reviewStatus snapshot { results { criterionId } } } } }`,
        { id: protocolId },
        { token: staff.token },
      )
    ).data!.testProtocol;
    expect(version.status).toBe('SUBMITTED_FOR_REVIEW');
    expect(version.versions).toHaveLength(1);
    expect(version.versions[0]).toMatchObject({ versionNumber: 1, contentHashVerified: true, reviewStatus: 'OPEN' });
    expect(await notice.textContent()).not.toMatch(/[0-9a-f]{64}/);
    expect(version.versions[0].snapshot.results).toHaveLength(2);
    const versions = page.locator('section', { has: page.getByRole('heading', { name: 'Inlämnade versioner' }) });
    await versions.getByRole('heading', { name: 'Version 1 · Granskas' }).waitFor();
    // Shortened on the version, the whole checksum a click away.
    await versions.getByText(`${version.versions[0].contentHash.slice(0, 12)}…`).waitFor();
    expect(await versions.getByText(/[0-9a-f]{64}/).count()).toBe(0);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await versions.getByRole('button', { name: 'Kopiera hela kontrollsumman' }).click();
    await versions.getByText('Kopierad.').waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(version.versions[0].contentHash);
    await versions.getByText('Innehållet stämmer med kontrollsumman.').waitFor();
    await page.locator('dl.facts').getByText('Inlämnat för granskning').waitFor();
    await checkPage(page, 'protocol-submitted');

    await page.getByRole('link', { name: 'Till styrgruppens granskning' }).first().click();
    await page.waitForURL(`**/granskning/${protocolId}`);
    await page.getByRole('heading', { name: 'Inlämnade versioner' }).waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByText(`${version.versions[0].contentHash.slice(0, 12)}…`, { exact: true }).waitFor();

    await page.goto('/testprotokoll?status=SUBMITTED_FOR_REVIEW');
    await page.getByRole('row', { name: new RegExp(`${title} Inlämnat för granskning`) }).waitFor();
    await checkPage(page, 'protocols-list');
  });

  it('a page of 12 protocols costs the web app as many SQL statements as a page of 1', async () => {
    const first = await statementsOf(page, 'TestProtocols', () => page.goto('/testprotokoll'));
    const flen = await organizationByCode(env.api, '0482');
    const trosa = await organizationByCode(env.api, '0488');
    for (let i = 1; i <= 11; i++) {
      const created = await createProtocol(env.api, staff, {
        title: `Test ${i} av nattillsyn`,
        leadOrganizationId: flen.id,
        participatingOrganizationIds: [trosa.id],
      });
      expect(created.errors).toBeUndefined();
    }
    const twelve = await statementsOf(page, 'TestProtocols', () => page.reload());
    await page.getByText('12 testprotokoll').waitFor();
    expect(first).toBeGreaterThan(0);
    expect(twelve).toBe(first);
    const work = await statementsOf(page, 'TestProtocolWork', () => page.goto(`/testprotokoll/${protocolId}`));
    expect(work).toBeGreaterThan(0);
    expect(work).toBeLessThanOrEqual(40);
    process.stdout.write(`SQL statements: list of 1 ${first}, list of 12 ${twelve}, protocol page ${work}\n`);
  });
});

/** The SQL statements the api spent on the web app's own operation while `action` runs (header sent outside production). */
async function statementsOf(page: Page, operation: string, action: () => Promise<unknown>): Promise<number> {
  const response = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes(`query ${operation}`),
  );
  await action();
  return Number((await response).headers()['x-sql-statements'] ?? -1);
}
