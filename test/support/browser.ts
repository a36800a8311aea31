import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { TestingModule } from '@nestjs/testing';
import { ManualClock } from '#core';
import { createTestApi, type TestApi } from './test-api.js';
import { createTestWorker } from './test-worker.js';
import { TEST_PASSWORD, type TestUser } from './builders.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = 'test/artifacts/screenshots';
export const PHONE = { width: 375, height: 812 };
export const LAPTOP = { width: 1280, height: 800 };

export interface BrowserEnv {
  api: TestApi;
  worker: TestingModule;
  browser: Browser;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * One browser per test file, against the booted api (serving the production build of the web app from
 * dist/web) listening on a real port, and the worker on the file's own database and queue prefix.
 */
// The api's clock starts at the real time: the browser's own clock (today's date in a date picker) must agree.
export async function startBrowserEnv(clock = new ManualClock(new Date().toISOString())): Promise<BrowserEnv> {
  const api = await createTestApi(clock);
  await api.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = api.app.getHttpServer().address() as AddressInfo;
  const worker = await createTestWorker(clock);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    api,
    worker,
    browser,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await browser.close();
      await worker.close();
      await api.close();
    },
  };
}

/** A fresh browser profile (its own cookies) for one user, Swedish unless told. */
export async function newUserPage(
  env: BrowserEnv,
  viewport = LAPTOP,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({
    baseURL: env.baseUrl,
    viewport,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function signIn(page: Page, user: Pick<TestUser, 'email'>, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/logga-in');
  await page.getByLabel('E-postadress').fill(user.email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  // On a phone the main menu is behind its button; the app opens in the account's language (Swedish or English).
  await page
    .getByRole('navigation', { name: /^(Huvudmeny|Main menu)$/ })
    .or(page.getByRole('button', { name: /^(Meny|Menu)$/ }))
    .first()
    .waitFor();
}

/** Zero serious or critical WCAG 2.1 A/AA violations on the page as it is now. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      page: name,
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
    }));
  expect(serious).toEqual([]);
}

/** The page as the user sees it, kept as a test artefact (test/artifacts/screenshots, git-ignored). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true, animations: 'disabled' });
}

/** Screenshot and axe check of a main page. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await expectAccessible(page, name);
}
