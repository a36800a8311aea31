import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { reportNeed } from '../support/needs-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(90_000);

/** Node staff triage the county's new needs: accept, decline with a reason, merge a duplicate. */
describe('web app: node staff triage', () => {
  let env: BrowserEnv;
  let staff: TestUser;
  let page: Page;
  const needs: Record<string, { id: string; title: string }> = {};

  beforeAll(async () => {
    env = await startBrowserEnv();
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    const flen = await createUser(env.api, '0482', [Role.TECH_COACH], 'flen');
    const trosa = await createUser(env.api, '0488', [Role.TECH_COACH], 'trosa');
    const vingaker = await createUser(env.api, '0428', [Role.TECH_COACH], 'vingaker');
    needs.original = await reportNeed(env.api, flen, {
      title: 'Dörrlarm saknas för brukare med demens',
      description: 'Brukare med demens går ut på natten utan att personalen märker det.',
    });
    needs.duplicate = await reportNeed(env.api, trosa, {
      title: 'Dörrlarm saknas för personer med demens',
      description: 'Personer med demens lämnar bostaden nattetid och personalen märker det inte.',
    });
    needs.other = await reportNeed(env.api, vingaker, {
      title: 'Surfplattor till anhörigsamtal',
      description: 'Anhöriga vill kunna ringa videosamtal till brukare på boendet.',
    });
    ({ page } = await newUserPage(env));
    await signIn(page, staff);
  });
  afterAll(() => env?.close());

  const card = (title: string) => page.locator('li.card', { has: page.getByRole('heading', { name: title }) });

  it('shows the inbox of new needs with their possible duplicates across the county', async () => {
    // Navigation by role: node staff get the inbox, not the coach's or the steering group's pages.
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    expect(await nav.getByRole('link').allInnerTexts()).toEqual([
      'Start',
      'Beslut',
      'Inkorg behov',
      'Länsöversikt',
      'Upphandlingar',
      'Uppföljningar',
      'Katalog',
      'Kompatibilitet',
      'Indikatorer',
      'Driftläge',
      'Kunskapsbank',
      'Testprotokoll',
    ]);
    await page.getByRole('link', { name: '3 nya behov att bedöma' }).click();
    await page.getByRole('heading', { name: 'Inkorg: nya behov', level: 1 }).waitFor();
    await card(needs.duplicate.title).getByRole('link', { name: needs.original.title }).waitFor();
    await card(needs.other.title).getByText('Inga liknande behov.').waitFor();
    await checkPage(page, 'triage-inbox');
  });

  it('merges a duplicate into the original, with a reason asked for in a dialog', async () => {
    await card(needs.duplicate.title)
      .getByRole('button', { name: `Slå ihop med ”${needs.original.title}”` })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog
      .getByLabel('Motivering för sammanslagningen', { exact: true })
      .fill('Samma behov: dörrlarm vid demens.');
    await checkPage(page, 'triage-merge-dialog');
    await dialog.getByRole('button', { name: 'Slå ihop', exact: true }).click();
    await page.getByText(`”${needs.duplicate.title}” är sammanslaget.`).waitFor();
    const merged = await env.api.gql(
      `query($id: ID!) { need(id: $id) { status mergedInto { id } } }`,
      { id: needs.duplicate.id },
      { token: staff.token },
    );
    expect(merged.data?.need).toEqual({ status: 'MERGED', mergedInto: { id: needs.original.id } });
  });

  it('declines with a reason (refused without one, the dialog keeps what was typed) and triages the rest', async () => {
    await card(needs.other.title).getByRole('button', { name: 'Avböj' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Avböj behovet' }).click();
    await dialog.getByRole('alert').waitFor();
    expect(await dialog.getByLabel('Varför avböjs behovet?', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await dialog
      .getByLabel('Varför avböjs behovet?', { exact: true })
      .fill('Gäller inte välfärdsteknik i äldreomsorgen.');
    await dialog.getByRole('button', { name: 'Avböj behovet' }).click();
    await page.getByText(`”${needs.other.title}” är avböjt.`).waitFor();

    await card(needs.original.title).getByRole('button', { name: 'Bedöm som relevant' }).click();
    await page.getByText('Inga nya behov att bedöma.').waitFor();
    const statuses = await env.api.gql(
      `{ needs(statuses: [TRIAGED, DECLINED], first: 10) { nodes { title status statusReason } } }`,
      {},
      { token: staff.token },
    );
    expect(statuses.data?.needs.nodes).toEqual(
      expect.arrayContaining([
        { title: needs.original.title, status: 'TRIAGED', statusReason: null },
        { title: needs.other.title, status: 'DECLINED', statusReason: 'Gäller inte välfärdsteknik i äldreomsorgen.' },
      ]),
    );
    await checkPage(page, 'triage-empty');
  });
});
