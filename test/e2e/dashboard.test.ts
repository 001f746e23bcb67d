import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { makeProject } from '../helpers.js';
import { startPostgres, type TestPostgres } from '../postgres.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import { iterationPayload, localChain, request, startServerProcess, storeTestSnapshots, testSnapshot } from '../server/server-helpers.js';
import { launchChromium } from './browser.js';

// The dashboard in a real browser: Chromium (Debian's, through playwright-core) against the server in its own
// process, a person of each role logging in through the form, axe on every page reached, screenshots kept.

const PASSWORD = 'correct horse battery';
const PEOPLE = [
  { name: 'ada', role: 'admin' },
  { name: 'lee', role: 'lead' },
  { name: 'rita', role: 'reviewer' },
  { name: 'dev', role: 'developer' },
] as const;
const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'dashboard');

let postgres: TestPostgres | undefined;
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
let browser: Browser | undefined;

before(async () => {
  postgres = await startPostgres();
  const database = await postgres.database();
  const ledgers = await openServerDatabase(database);
  let agent: string;
  try {
    const accounts = new AccountStore(ledgers.db);
    const [api] = [await ledgers.repository('acme/api'), await ledgers.repository('acme/web')];
    for (const { name, role } of PEOPLE) {
      await accounts.createUser(name, role, PASSWORD);
      if (role === 'reviewer' || role === 'developer') await accounts.assignRepository(name, api!.id);
    }
    agent = (await accounts.createToken('claude', 'agent', api!.id)).token;
  } finally {
    await ledgers.close();
  }
  server = await startServerProcess(database, makeProject({}));
  const target = { url: server.url } as never;
  await storeTestSnapshots(target, agent, 'acme/api');
  const records = await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }, { kind: 'iteration', payload: iterationPayload('ai', testSnapshot('b').id) }]);
  const pushed = await request(target, 'POST', `/api/v1/repos/${encodeURIComponent('acme/api')}/records`, { records }, { authorization: `Bearer ${agent}` });
  assert.equal(pushed.status, 200, JSON.stringify(pushed.json));
  browser = await launchChromium();
  mkdirSync(SCREENSHOTS, { recursive: true });
});

// Each stops whatever started, even when another did not.
after(async () => {
  await browser?.close();
});
after(async () => {
  await server?.stop();
});
after(() => {
  postgres?.stop();
});

/** A fresh context (AxeBuilder needs one made by newContext), which fails the test on any CSP violation or page error. */
async function newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser!.newContext({ baseURL: server!.url, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page, saves its screenshot, and fails on any serious or critical violation. */
async function audit(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa']).analyze();
  const summary = results.violations.map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  console.log(`axe ${name}: ${results.violations.length} violation(s), ${results.passes.length} rules passed${summary.length ? `\n  ${summary.join('\n  ')}` : ''}`);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  assert.deepEqual(serious.length, 0, `axe found serious or critical violations on ${name}:\n${summary.join('\n')}`);
}

async function navigation(page: Page): Promise<string[]> {
  return page.locator('nav[aria-label="Dashboard"] a').allTextContents();
}

async function logInWithMouse(page: Page, name: string): Promise<void> {
  await page.goto('/dashboard');
  assert.match(page.url(), /\/dashboard\/login$/);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/dashboard\/repositories$/);
}

test('each role logs in through the form, lands on Repositories and sees its navigation; axe finds nothing serious', async () => {
  for (const { name, role } of PEOPLE) {
    const { context, page, problems } = await newPage();
    try {
      if (role === 'reviewer') {
        // Keyboard only: the skip link comes first, then the form, in order.
        await page.goto('/dashboard/login');
        await audit(page, 'login');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.textContent?.trim()), 'Skip to main content');
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-name');
        await page.keyboard.type(name);
        await page.keyboard.press('Tab');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'login-password');
        await page.keyboard.type(PASSWORD);
        await page.keyboard.press('Enter');
        await page.waitForURL(/\/dashboard\/repositories$/);
      } else {
        await logInWithMouse(page, name);
      }
      assert.deepEqual(await navigation(page), ['Repositories'], name);
      assert.equal(await page.locator('h1').count(), 1);
      assert.equal(await page.locator('h1').textContent(), 'Repositories');
      assert.match((await page.locator('.account').textContent()) ?? '', new RegExp(`${name} \\(${role}\\)`));
      await audit(page, `${role}-repositories`);
      // The script loaded under the CSP (script-src 'self'): it titles each time with the reader's own time zone.
      assert.match((await page.locator('time').first().getAttribute('title')) ?? '', /your time/);
      assert.deepEqual(problems, [], `${name}: console errors (a CSP violation shows here)`);
    } finally {
      await context.close();
    }
  }
});

test('the keyboard reaches the filters and the skip link moves focus to the main content', async () => {
  const { context, page } = await newPage();
  try {
    await logInWithMouse(page, 'lee');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'filter-repository');
    await page.selectOption('#filter-repository', 'acme/web');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/repository=acme%2Fweb/);
    assert.deepEqual(await page.locator('tbody th').allTextContents(), ['acme/web']);
    await audit(page, 'lead-repositories-filtered');

    await page.goto('/dashboard/repositories?from=yesterday');
    assert.match((await page.locator('[role="alert"]').textContent()) ?? '', /From: a date is written YYYY-MM-DD/);
    await audit(page, 'lead-bad-filter');
  } finally {
    await context.close();
  }
});

test('without JavaScript the login form works and the Repositories table reads in full', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  try {
    await logInWithMouse(page, 'ada');
    const rows = await page.locator('table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim() ?? '')));
    assert.equal(rows.length, 2);
    assert.deepEqual(
      rows.map((row) => row.slice(0, 3)),
      [
        ['acme/api', '2', '2'],
        ['acme/web', '0', 'none'],
      ],
    );
    assert.match(rows[0]![3]!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    assert.equal(await page.locator('time').first().getAttribute('title'), null, 'no script ran');
    assert.equal(rows[1]![3], 'nothing recorded yet');
    assert.match((await page.locator('table caption').textContent()) ?? '', /Repositories you may read: 2/);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-repositories-nojs.png'), fullPage: true });

    // Logging out is a plain form too; afterwards the pages send the browser back to the login form.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/dashboard\/login$/);
    await page.goto('/dashboard/repositories');
    assert.match(page.url(), /\/dashboard\/login$/);
  } finally {
    await context.close();
  }
});
