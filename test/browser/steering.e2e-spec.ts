import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { vote } from '../support/testbed-builders.js';
import { submittedProtocol } from '../support/review-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(90_000);

/** A steering group member reviews a submitted test with its whole knowledge basis and votes; the decision follows. */
describe('web app: steering group member', () => {
  let env: BrowserEnv;
  let member: TestUser;
  let protocol: { id: string; title: string; versionId: string };
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN], 'admin');
    const quorum = await env.api.gql(
      `mutation { configureSteeringQuorum(input: { rule: MINIMUM_VOTES, minimumVotes: 2 }) { minimumVotes } }`,
      {},
      { token: admin.token },
    );
    expect(quorum.data?.configureSteeringQuorum.minimumVotes).toBe(2);
    const lead = await createUser(env.api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna samordnare');
    const flen = await createUser(env.api, '0482', [Role.MUNICIPALITY_COORDINATOR], 'Flen samordnare');
    protocol = await submittedProtocol(env.api, lead, [flen]);
    const first = await createUser(env.api, '0482', [Role.STEERING_MEMBER], 'Flen ledamot');
    expect(
      (await vote(env.api, first, protocol.versionId, 'RECOMMEND', { rationale: 'Tydliga resultat för nattsömnen.' }))
        .errors,
    ).toBeUndefined();
    member = await createUser(env.api, '0488', [Role.STEERING_MEMBER], 'Tova Trosa');
    ({ page } = await newUserPage(env));
    await signIn(page, member);
  });
  afterAll(() => env?.close());

  it('shows the review queue and what awaits my organisation on the start page', async () => {
    await page.getByRole('link', { name: '1 testprotokoll väntar på styrgruppens beslut' }).click();
    await page.getByRole('heading', { name: 'Granskningskö', level: 1 }).waitFor();
    await page.getByRole('link', { name: protocol.title }).waitFor();
    await checkPage(page, 'steering-review-queue');
  });

  it('shows the version with its whole knowledge basis and the votes so far', async () => {
    await page.getByRole('link', { name: protocol.title }).click();
    await page.getByRole('heading', { name: protocol.title, level: 1 }).waitFor();
    const basis = page.locator('.knowledge-basis');
    for (const text of [
      'Pröva om digital nattillsyn',
      'Andel nätter utan väckande besök',
      'Inkörningsperiod',
      'Wifi saknas i två lägenheter',
      'Kan kombineras med trygghetslarm',
      'Informera anhöriga tidigt',
      'Tillsyn uteblev en natt',
      'Kameran tappade uppkoppling',
      'Skriftligt samtycke',
      'Ingen lagring av bild',
      'Nattpersonalen tränas',
      'Tekniskt avbrott',
    ]) {
      await basis.getByText(text).first().waitFor();
    }
    await basis.getByRole('heading', { name: 'Hinder (1)' }).waitFor();
    await basis.getByRole('heading', { name: 'Möjligheter (1)' }).waitFor();
    await basis.getByRole('heading', { name: 'Lärdomar (1)' }).waitFor();
    const staffRow = basis.getByRole('row', { name: /^Personal 9/ });
    expect(await staffRow.innerText()).toMatch(/9\s+6\s+1/);
    await page.getByText('Oförändrad sedan inskickning').waitFor();
    await page.getByText('Tydliga resultat för nattsömnen.').waitFor();
    await checkPage(page, 'steering-protocol-version');
  });

  it('votes with a rationale (the api’s refusal shown next to the field first) and the quorum makes the decision', async () => {
    await page.getByText('Rekommendera med villkor', { exact: true }).click();
    expect(await page.getByRole('radio', { name: 'Rekommendera med villkor' }).isChecked()).toBe(true);
    await page.getByLabel('Motivering', { exact: true }).fill('Bra resultat, men nätverket måste fungera.');
    await page.getByLabel('Villkor', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Lägg rösten' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Villkor', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('Motivering', { exact: true }).inputValue()).toBe(
      'Bra resultat, men nätverket måste fungera.',
    );
    await checkPage(page, 'steering-vote-refused');
    await page.getByLabel('Villkor', { exact: true }).fill('Wifi i alla lägenheter före breddinförande.');
    await page.getByRole('button', { name: 'Lägg rösten' }).click();
    await page.getByText('Er röst är lagd.').waitFor();
    await page.getByRole('status').getByRole('link', { name: 'Beslut' }).click();
    await page.getByRole('heading', { name: `Beslut: ${protocol.title}`, level: 1 }).waitFor();
    await page.getByText('Wifi i alla lägenheter före breddinförande.').first().waitFor();
    await page.locator('.knowledge-basis').getByText('Andel nätter utan väckande besök').waitFor();
    await checkPage(page, 'steering-decision');
  });

  it('lists decisions, each leading to the knowledge it rests on', async () => {
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Beslut' }).click();
    await page.getByRole('heading', { name: 'Beslut', level: 1 }).waitFor();
    await page.getByRole('link', { name: protocol.title }).waitFor();
    await checkPage(page, 'steering-decisions');
    await page.goto('/granskning');
    await page.getByText('Inget väntar på er röst.').waitFor();
  });
});
