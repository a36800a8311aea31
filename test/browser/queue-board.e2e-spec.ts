import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Role } from '#core';
import { createUser, type TestUser } from '../support/builders.js';
import { type BrowserEnv, checkPage, newUserPage, screenshot, signIn, startBrowserEnv } from '../support/browser.js';

jest.setTimeout(120_000);

/** The queue view (Bull Board) opened from the operations page: a node admin sees the queues, no one else gets in. */
describe('web app: the queue view for node admins', () => {
  let env: BrowserEnv;
  let admin: TestUser;
  let staff: TestUser;

  beforeAll(async () => {
    env = await startBrowserEnv();
    admin = await createUser(env.api, 'Noden', [Role.NODE_ADMIN, Role.NODE_STAFF], 'Ada Admin');
    staff = await createUser(env.api, 'Noden', [Role.NODE_STAFF], 'Sam Staff');
  });
  afterAll(() => env?.close());

  it('a node admin opens the queues from the operations page and sees every queue', async () => {
    const { page } = await newUserPage(env);
    await signIn(page, admin);
    await page.getByRole('link', { name: 'Driftläge' }).click();
    await page.getByRole('heading', { name: 'Driftläge', level: 1 }).waitFor();
    await checkPage(page, 'operations-admin');
    await page.getByRole('button', { name: 'Öppna köerna' }).click();
    await page.waitForURL(/\/drift\/koer/);
    for (const queue of ['followup', 'notifications', 'procurement', 'system'])
      await page.getByText(queue, { exact: true }).first().waitFor();
    await screenshot(page, 'queue-board-admin');
  });

  it('node staff get no button, and the board itself refuses them and anyone signed out', async () => {
    const { page } = await newUserPage(env);
    await signIn(page, staff);
    await page.getByRole('link', { name: 'Driftläge' }).click();
    await page.getByRole('heading', { name: 'Driftläge', level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Öppna köerna' }).count()).toBe(0);
    const refused = await page.goto('/drift/koer');
    expect(refused!.status()).toBe(401);
    await page.getByText(/Logga in som nodadministratör/).waitFor();
    await screenshot(page, 'queue-board-refused');

    const anonymous = (await newUserPage(env)).page;
    expect((await anonymous.goto('/drift/koer'))!.status()).toBe(401);
  });
});
