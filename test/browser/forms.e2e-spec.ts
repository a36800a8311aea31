import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, createProtocol, vote } from '../support/testbed-builders.js';
import { type BrowserEnv, checkPage, LAPTOP, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(180_000);

/**
 * Forms as care staff meet them: every problem at once on the first submit, in plain words under the field's own
 * label, a summary that links to each field, and never an api field path; and the evidence a steering decision
 * rests on, with what it lacks shown on the hand-in, the review, the vote and the decision.
 */
describe('web app: forms and evidence', () => {
  let env: BrowserEnv;
  let coach: TestUser;
  let lead: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    env = await startBrowserEnv();
    coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Kim Coach');
    lead = await createUser(env.api, '0484', [Role.MUNICIPALITY_COORDINATOR], 'Eskilstuna samordnare');
    member = await createUser(env.api, '0486', [Role.STEERING_MEMBER], 'Strängnäs ledamot');
    const admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'admin');
    const quorum = await env.api.gql(
      `mutation { configureSteeringQuorum(input: { rule: MINIMUM_VOTES, minimumVotes: 1 }) { minimumVotes } }`,
      {},
      { token: admin.token },
    );
    expect(quorum.errors).toBeUndefined();
  });
  afterAll(() => env?.close());

  it('the report form names every problem on the first empty submit, each under its field, linked from the summary', async () => {
    const { page, context } = await newUserPage(env, LAPTOP);
    await signIn(page, coach);
    await page.goto('/behov/nytt');
    await page.getByRole('heading', { name: 'Rapportera ett behov', level: 1 }).waitFor();
    // Optional fields say so before anything is sent.
    await page.getByLabel('Ungefär hur många berörs? (frivilligt)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    const summary = page.getByRole('alert');
    const expected = [
      'Skriv en rubrik.',
      'Beskriv behovet: vad händer, för vem och hur ofta?',
      'Välj vem behovet gäller.',
      'Välj verksamhet.',
    ];
    for (const message of expected) await summary.getByRole('link', { name: message }).waitFor();
    // Source has a default (staff), so four problems, not five; each also stands under its own field.
    expect(await summary.getByRole('link').count()).toBe(4);
    await page.locator('form').getByText('Skriv en rubrik.').waitFor();
    await checkPage(page, 'forms-report-errors');

    // The summary's link takes the user to the field.
    await summary.getByRole('link', { name: 'Skriv en rubrik.' }).click();
    expect(await page.evaluate(`document.activeElement?.getAttribute('aria-invalid')`)).toBe('true');
    expect(await page.evaluate(`document.activeElement?.maxLength`)).toBe(200);

    // A number the way a spreadsheet writes it is named in plain words, not sent.
    await page.getByLabel('Rubrik', { exact: true }).fill('Nattkamera för brukare med demens');
    await page.getByLabel('Beskrivning', { exact: true }).fill('Nattpatrullen väcker brukare när de tittar till dem.');
    await page.getByLabel('Ungefär hur många berörs? (frivilligt)', { exact: true }).fill('1e3');
    await page.getByRole('button', { name: 'Skicka behovet' }).click();
    await summary
      .getByRole('link', { name: 'Skriv antalet personer som ett heltal, 0 eller fler, eller lämna fältet tomt.' })
      .waitFor();
    expect(await summary.getByRole('link').count()).toBe(3);
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/input\.|Fältet /);
    await context.close();
  });

  it('in English too: every problem in plain words under its field, never a path', async () => {
    const { page, context } = await newUserPage(env, LAPTOP);
    await signIn(page, coach);
    await page.goto('/behov/nytt');
    await page.getByRole('button', { name: /Språk: English/ }).click();
    await page.getByRole('heading', { name: 'Report a need', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Submit the need' }).click();
    for (const message of ['Enter a title.', 'Choose who the need concerns.', 'Choose the service.'])
      await page.getByRole('alert').getByRole('link', { name: message }).waitFor();
    expect(await page.locator('main').innerText()).not.toMatch(/input\.|Field /);
    await checkPage(page, 'forms-report-errors-en');
    await context.close();
  });

  it('the hand-in shows what is missing and asks why; review, vote and decision show the same gaps', async () => {
    const created = await createProtocol(env.api, lead, {
      title: 'Nattkamera utan underlag',
      plannedStart: '2026-01-01',
      plannedEnd: '2099-06-30',
      successCriteria: [{ name: 'Nätter utan väckning', targetValue: 80, unit: '%' }],
    });
    const id = created.data!.createTestProtocol.id as string;
    expect((await changeStatus(env.api, lead, id, 'RUNNING')).errors).toBeUndefined();
    expect((await changeStatus(env.api, lead, id, 'COMPLETED')).errors).toBeUndefined();

    const { page, context } = await newUserPage(env, LAPTOP);
    await signIn(page, lead);
    await page.goto(`/testprotokoll/${id}`);
    const handIn = page.locator('section', { has: page.getByRole('heading', { name: 'Lämna in för granskning' }) });
    await handIn.getByRole('heading', { name: 'Det här saknas i underlaget' }).waitFor();
    for (const gap of [
      'Framgångskriterier utan resultat: Nätter utan väckning',
      'Inga deltagare är registrerade.',
      'Inga iakttagelser (hinder, möjligheter eller lärdomar) är registrerade.',
      'Testperioden är inte slut: den pågår till och med 30 juni 2099.',
    ])
      await handIn.getByText(gap, { exact: true }).waitFor();
    await handIn.getByRole('button', { name: 'Lämna in för granskning' }).click();
    await handIn
      .getByRole('alert')
      .getByRole('link', { name: 'Skriv varför protokollet ska lämnas in trots det som saknas.' })
      .waitFor();
    await handIn.scrollIntoViewIfNeeded();
    await checkPage(page, 'forms-hand-in-gaps');
    const reason = 'Leverantören drog sig ur; styrgruppen behöver besluta om vi ska fortsätta.';
    await handIn.getByLabel('Varför ska protokollet lämnas in ändå?').fill(reason);
    await handIn.getByRole('button', { name: 'Lämna in för granskning' }).click();
    await page.getByText(/Version 1 är inlämnad och fryst/).waitFor();
    await context.close();

    const steering = await newUserPage(env, LAPTOP);
    await signIn(steering.page, member);
    await steering.page.goto(`/granskning/${id}`);
    const evidence = steering.page.locator('section', {
      has: steering.page.getByRole('heading', { name: 'Inlämnat trots brister i underlaget' }),
    });
    await evidence.getByText('Inga deltagare är registrerade.').waitFor();
    await evidence.getByText(reason).waitFor();
    const voteForm = steering.page.locator('section', { has: steering.page.getByRole('heading', { name: 'Er röst' }) });
    await voteForm.getByText('Underlaget är ofullständigt. Läs vad som saknas innan du röstar.').waitFor();
    await voteForm.getByText('Inga iakttagelser (hinder, möjligheter eller lärdomar) är registrerade.').waitFor();
    await checkPage(steering.page, 'forms-review-gaps');

    const versionId = (
      await env.api.gql(
        `query($id: ID!) { testProtocol(id: $id) { openVersion { id } } }`,
        { id },
        {
          token: member.token,
        },
      )
    ).data!.testProtocol.openVersion.id as string;
    const cast = await vote(env.api, member, versionId, 'TEST_MORE');
    const decisionId = cast.data!.castSteeringVote.decision.id as string;
    await steering.page.goto(`/beslut/${decisionId}`);
    const onDecision = steering.page.locator('section', {
      has: steering.page.getByRole('heading', { name: 'Inlämnat trots brister i underlaget' }),
    });
    await onDecision.getByText('Framgångskriterier utan resultat: Nätter utan väckning').waitFor();
    await onDecision.getByText(reason).waitFor();
    await checkPage(steering.page, 'forms-decision-gaps');
    await steering.context.close();
  });
});
