import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, createProtocol, vote } from '../support/testbed-builders.js';
import type { Locator, Page } from 'playwright-core';
import { type BrowserEnv, checkPage, LAPTOP, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(180_000);

/**
 * The space in pixels between an element's bottom edge and the top of whatever is drawn next below it: the next
 * visible sibling of the element or of its nearest ancestor that has one (a card, a section, a list).
 */
async function gapBelow(element: Locator): Promise<number> {
  // The root tsconfig has no DOM lib: the browser's globals are reached through globalThis.
  return element.evaluate((el: any) => {
    const body = (globalThis as any).document.body;
    const bottom: number = el.getBoundingClientRect().bottom;
    for (let node = el; node && node !== body; node = node.parentElement)
      for (let next = node.nextElementSibling; next; next = next.nextElementSibling) {
        const rect = next.getBoundingClientRect();
        if (rect.height > 1 && rect.width > 1) return (rect.top as number) - bottom;
      }
    return Number.POSITIVE_INFINITY;
  });
}

/**
 * A problem as the summary above the form links to it and as the field itself says it: the link leads to a field
 * whose own error (reached by aria-describedby, as a screen reader reads it) has the same words.
 */
async function expectAtField(page: Page, scope: Locator, message: string): Promise<void> {
  const link = scope.getByRole('alert').getByRole('link', { name: message, exact: true });
  const target = (await link.getAttribute('href'))!.slice(1);
  const said = await page.evaluate<string>(
    `(() => {
      const element = document.getElementById(${JSON.stringify(target)});
      const control = element?.matches('input, textarea, button')
        ? element
        : element?.querySelector('input, textarea, button');
      const ids = (control?.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
    })()`,
  );
  expect(said).toContain(message);
}

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

  it('the coach activity form names every missing field at once, each at its field; optional ones say so', async () => {
    // A coach of their own: the one above chose English.
    const activeCoach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Alex Coach');
    const profile = await env.api.gql(
      `mutation { registerTechCoach(input: { unit: "Hemtjänst Öst", setting: HOME_CARE }) { id } }`,
      {},
      { token: activeCoach.token },
    );
    expect(profile.errors).toBeUndefined();
    const { page, context } = await newUserPage(env, LAPTOP);
    await signIn(page, activeCoach);
    await page.goto('/coach/aktivitet');
    await page.getByRole('heading', { name: 'Registrera coachaktivitet', level: 1 }).waitFor();
    // The optional field says so before anything is sent; the required ones do not need to.
    await page.getByLabel('Kort anteckning (frivilligt)', { exact: true }).waitFor();
    expect(await page.getByLabel('Antal medarbetare som nåddes', { exact: true }).count()).toBe(1);
    // The submit button keeps its distance from the list of recent activities below the form.
    const submit = page.getByRole('button', { name: 'Spara aktiviteten' });
    expect(await gapBelow(submit)).toBeGreaterThanOrEqual(8);

    await submit.click();
    const main = page.locator('main');
    const expected = ['Välj ett alternativ i ”Typ av aktivitet”.', 'Fyll i ”Antal medarbetare som nåddes”.'];
    for (const message of expected) await expectAtField(page, main, message);
    // Both at once, on the first try: no more, no less (the date starts as today).
    expect(await main.getByRole('alert').getByRole('link').count()).toBe(2);
    expect(await main.innerText()).not.toMatch(/input\.|Fältet |obligatoriskt/);
    await checkPage(page, 'forms-coach-activity-errors');

    // A number the api would refuse is named before sending, in the field's own words.
    await page.getByLabel('Antal medarbetare som nåddes', { exact: true }).fill('12,5');
    await submit.click();
    await expectAtField(page, main, '”Antal medarbetare som nåddes” ska vara ett heltal, t.ex. 12.');
    await context.close();
  });

  it('a status change names the missing choice at its field, marks the reason optional and keeps its distance', async () => {
    const created = await createProtocol(env.api, lead, { title: 'Sensormatta i särskilt boende' });
    const id = created.data!.createTestProtocol.id as string;
    const { page, context } = await newUserPage(env, LAPTOP);
    await signIn(page, lead);
    await page.goto(`/testprotokoll/${id}`);
    const status = page.locator('section', { has: page.getByRole('heading', { name: 'Ändra status', level: 2 }) });
    await status.getByLabel('Motivering (frivilligt)', { exact: true }).waitFor();
    const submit = status.getByRole('button', { name: 'Ändra status' });
    expect(await gapBelow(submit)).toBeGreaterThanOrEqual(8);
    await submit.click();
    await expectAtField(page, status, 'Välj ett alternativ i ”Ny status”.');
    expect(await status.getByRole('alert').getByRole('link').count()).toBe(1);
    expect(await status.innerText()).not.toMatch(/input\.|obligatoriskt/);
    await status.scrollIntoViewIfNeeded();
    await checkPage(page, 'forms-status-change-errors');
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
