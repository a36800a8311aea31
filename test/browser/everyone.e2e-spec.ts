import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { changeStatus, reportNeed } from '../support/needs-builders.js';
import { type BrowserEnv, checkPage, newUserPage, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(90_000);

/** What every user does: sign in, the start page, notifications, language, password, sign out. */
describe('web app: everyone', () => {
  let env: BrowserEnv;
  let coach: TestUser;
  let staff: TestUser;
  let page: Page;

  beforeAll(async () => {
    env = await startBrowserEnv();
    coach = await createUser(env.api, '0482', [Role.TECH_COACH], 'Kim Coach');
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
    ({ page } = await newUserPage(env));
  });
  afterAll(() => env?.close());

  it('serves the app at / in Swedish, with long-lived caching only for hashed assets', async () => {
    const response = await page.goto('/');
    expect(response!.headers()['cache-control']).toBe('no-cache');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await page.getByRole('heading', { name: 'Logga in i Noden' }).waitFor();
    const assets = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((n) => n.includes('/assets/')),
    );
    const asset = await env.api.get(new URL(assets[0]).pathname);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    // An app route reloads into the app; the api's own routes are untouched.
    expect((await env.api.get('/behov/mina')).headers['content-type']).toContain('text/html');
    expect((await env.api.get('/health')).status).toBe(200);
    expect((await env.api.get('/ocds/nothing-here')).status).toBe(404);
    expect((await env.api.get('/assets/missing-abc123.js')).status).toBe(404);
    await checkPage(page, 'sign-in');
  });

  it('keeps what was typed and shows the api’s message next to the password field when sign-in fails', async () => {
    await page.getByLabel('E-postadress', { exact: true }).fill(coach.email);
    await page.getByLabel('Lösenord', { exact: true }).fill('fel lösenord');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const password = page.getByLabel('Lösenord', { exact: true });
    await page.getByRole('alert').getByText('Fel e-postadress eller lösenord.').waitFor();
    await page.getByTestId('fieldError').getByText('Fel e-postadress eller lösenord.').waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('E-postadress', { exact: true }).inputValue()).toBe(coach.email);
    expect(await password.inputValue()).toBe('fel lösenord');
    await checkPage(page, 'sign-in-failed');
  });

  it('signs in to a start page with what needs my attention, and a count of unread notifications', async () => {
    const need = await reportNeed(env.api, coach, { title: 'Larmknappen hörs inte i köket' });
    expect((await changeStatus(env.api, staff, need.id, 'TRIAGED')).data?.changeNeedStatus.status).toBe('TRIAGED');
    await signIn(page, coach);
    await page.getByRole('heading', { name: /^Hej Kim Coach/ }).waitFor();
    await page.getByRole('link', { name: 'Larmknappen hörs inte i köket' }).waitFor();
    await page.getByRole('link', { name: 'Aviseringar 1 olästa' }).waitFor();
    await page.getByRole('link', { name: '1 oläst avisering' }).waitFor();
    await checkPage(page, 'start-coach');
  });

  it('is usable by keyboard: a skip link first, visible focus, and the main content reached in one step', async () => {
    await page.reload();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Hoppa till innehållet' });
    // The root tsconfig has no DOM lib: the browser's globals are reached through globalThis.
    expect(await skip.evaluate((el) => el === (globalThis as any).document.activeElement)).toBe(true);
    const outline = await skip.evaluate((el) => (globalThis as any).getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    expect(await skip.boundingBox()).toMatchObject({ y: expect.any(Number) });
    expect((await skip.boundingBox())!.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement?.id')).toBe('main');
    await page.keyboard.press('Tab');
    expect(await page.evaluate("document.activeElement?.closest('main') !== null")).toBe(true);
  });

  it('lists notifications, marks one read and the count follows', async () => {
    await page.getByRole('link', { name: 'Aviseringar 1 olästa' }).click();
    await page.getByRole('heading', { name: 'Aviseringar', level: 1 }).waitFor();
    await checkPage(page, 'notifications');
    await page.getByRole('button', { name: 'Markera som läst' }).click();
    await page.getByRole('link', { name: 'Aviseringar', exact: true }).waitFor();
  });

  it('"Visa fler" adds the next needs below the ones shown, keeping the first page', async () => {
    for (let i = 1; i <= 21; i++) await reportNeed(env.api, coach, { title: `Behov nummer ${i}` });
    await page.goto('/behov/mina');
    const cards = page.locator('ul.need-list > li');
    await page.getByRole('link', { name: 'Behov nummer 21' }).waitFor();
    expect(await cards.count()).toBe(20);
    await page.getByRole('button', { name: 'Visa fler' }).click();
    await page.getByRole('link', { name: 'Larmknappen hörs inte i köket' }).waitFor();
    expect(await cards.count()).toBe(22);
    await page.getByRole('link', { name: 'Behov nummer 21' }).waitFor();
    expect(await page.getByRole('button', { name: 'Visa fler' }).count()).toBe(0);
  });

  it('switches to English, remembers it after a reload, and shows the api’s errors in English', async () => {
    await page.getByRole('button', { name: /Language: English|Språk: English/ }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByLabel('Current password', { exact: true }).fill('not my password');
    await page.getByLabel('New password', { exact: true }).fill('A-new-long-passphrase-1');
    await page.getByLabel('Repeat the new password', { exact: true }).fill('A-new-long-passphrase-1');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('alert').getByText('Wrong e-mail address or password.').waitFor();
    await page.getByTestId('fieldError').getByText('Wrong e-mail address or password.').waitFor();
    expect(await page.getByLabel('Current password', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('New password', { exact: true }).inputValue()).toBe('A-new-long-passphrase-1');
    await checkPage(page, 'change-password-failed-en');
    await page.getByRole('button', { name: /Language: Svenska/ }).click();
  });

  it('changes the password, which ends the session everywhere; the new password signs in', async () => {
    const other = await newUserPage(env);
    await signIn(other.page, coach);
    await page.getByLabel('Nuvarande lösenord', { exact: true }).fill('Testlösenord-123!');
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('Ett-nytt-långt-lösenord-7');
    await page.getByLabel('Upprepa nytt lösenord', { exact: true }).fill('Ett-nytt-långt-lösenord-7');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByRole('heading', { name: 'Logga in i Noden' }).waitFor();
    // The other browser's session was revoked: a reload lands on sign-in.
    await other.page.reload();
    await other.page.getByRole('heading', { name: 'Logga in i Noden' }).waitFor();
    await other.context.close();
    await signIn(page, coach, 'Ett-nytt-långt-lösenord-7');
  });

  it('stays signed in across a reload (the refresh cookie), and signs out', async () => {
    await page.reload();
    await page.getByRole('navigation', { name: 'Huvudmeny' }).waitFor();
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByText('Du är utloggad.').waitFor();
    await page.goto('/behov/mina');
    await page.getByRole('heading', { name: 'Logga in i Noden' }).waitFor();
    expect(page.url()).toContain('/logga-in?till=%2Fbehov%2Fmina');
  });
});
