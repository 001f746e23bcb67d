import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { gitRepo, makeProject, runCli } from '../helpers.js';
import { startPostgres, type TestPostgres } from '../postgres.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
import { generatedChain } from '../ledger/insights/generated-chains.js';
import * as reference from '../ledger/insights/reference.js';
import { startServerProcess } from '../server/server-helpers.js';
import { launchChromium } from './browser.js';

// The dashboard in a real browser: Chromium (Debian's, through playwright-core) against the server in its own
// process, a person of each role logging in through the form, axe on every page reached, screenshots kept; and
// a real repository checked through the server, whose chain a reviewer resets from the review queue.

const PASSWORD = 'correct horse battery';
const PEOPLE = [
  { name: 'ada', role: 'admin' },
  { name: 'lee', role: 'lead' },
  { name: 'rita', role: 'reviewer' },
  { name: 'dev', role: 'developer' },
] as const;
const LANDING = { admin: 'Degradation by chain position', lead: 'Degradation by chain position', reviewer: 'Review queue', developer: 'Repositories' } as const;
const SCREENSHOTS = join(process.cwd(), 'test-artifacts', 'dashboard');
const SAFE = 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = ?", (name,))\n';
// Generated histories for the figures; acme/app is a real repository the test checks through the server.
const chains: Record<string, LedgerRecord[]> = { 'acme/api': generatedChain(1, 120), 'acme/web': generatedChain(2, 80) };

let postgres: TestPostgres | undefined;
let server: Awaited<ReturnType<typeof startServerProcess>> | undefined;
let browser: Browser | undefined;
let agentToken = '';
let app = '';

before(async () => {
  postgres = await startPostgres();
  const database = await postgres.database();
  const ledgers = await openServerDatabase(database);
  try {
    const accounts = new AccountStore(ledgers.db);
    for (const [name, records] of Object.entries(chains)) await (await ledgers.repository(name)).continueWith(records);
    const [api, product] = [await ledgers.repository('acme/api'), await ledgers.repository('acme/app')];
    for (const { name, role } of PEOPLE) {
      await accounts.createUser(name, role, PASSWORD);
      if (role === 'reviewer' || role === 'developer') for (const repository of [api, product]) await accounts.assignRepository(name, repository.id);
    }
    agentToken = (await accounts.createToken('claude', 'agent', product.id)).token;
  } finally {
    await ledgers.close();
  }
  server = await startServerProcess(database, makeProject({}));
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

/** An agent's check of acme/app through the server, after an edit: its JSON answer. */
function agentCheck(edit: number): { status: number | null; json: { chain: { aiIterationsSinceReview: number; limit: number } } } {
  writeFileSync(join(app, 'app/db.py'), `${SAFE}# edit ${edit}\n`);
  const result = runCli(['check', '--format', 'json'], app, { env: { CLAUDECODE: '1', LOOPWARDEN_TOKEN: agentToken } });
  assert.ok(result.stdout, result.stderr);
  return { status: result.status, json: JSON.parse(result.stdout) };
}

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
  await page.waitForURL(/\/dashboard\/(queue|degradation|repositories)$/);
}

test('each role logs in through the form, lands on its view and sees its navigation; axe finds nothing serious on any view', async () => {
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
        await page.waitForURL(/\/dashboard\/queue$/);
      } else {
        await logInWithMouse(page, name);
      }
      assert.equal(await page.locator('h1').textContent(), LANDING[role]);
      const views = await navigation(page);
      assert.deepEqual(views, role === 'developer' ? ['Degradation', 'Models', 'People', 'Trends', 'Repositories'] : ['Review queue', 'Degradation', 'Models', 'People', 'Trends', 'Repositories'], name);
      assert.match((await page.locator('.account').textContent()) ?? '', new RegExp(`${name} \\(${role}\\)`));
      for (const view of views) {
        await page.locator('nav[aria-label="Dashboard"] a', { hasText: view }).click();
        await page.waitForLoadState();
        assert.equal(await page.locator('h1').count(), 1);
        await audit(page, `${role}-${view.toLowerCase().replaceAll(' ', '-')}`);
      }
      // The script loaded under the CSP (script-src 'self'): it titles each time with the reader's own time zone.
      assert.match((await page.locator('time').first().getAttribute('title')) ?? '', /your time/);
      assert.deepEqual(problems, [], `${name}: console errors (a CSP violation shows here)`);
    } finally {
      await context.close();
    }
  }
});

test('the lead sees the degradation chart with the points the records give', async () => {
  const { context, page } = await newPage();
  try {
    await logInWithMouse(page, 'lee');
    await page.goto('/dashboard/degradation?repository=acme%2Fapi');
    const points = await page.locator('svg [aria-roledescription="point"]').evaluateAll((marks) => marks.map((mark) => mark.getAttribute('aria-label') ?? ''));
    const expected = reference.degradation({ 'acme/api': chains['acme/api']! });
    assert.equal(points.length, expected.length);
    for (const [index, row] of expected.entries()) assert.match(points[index]!, new RegExp(`position: ${row.position}; per iteration: ${Math.round((row.introduced / row.aiIterations) * 1000) / 1000};`));
    assert.match((await page.locator('figure.chart').textContent()) ?? '', /policy limit \(3\)/);
    await audit(page, 'lead-degradation-acme-api');
  } finally {
    await context.close();
  }
});

test('the reviewer approves acme/app from the queue, and the next loopwarden check there shows chain 1', async () => {
  // Made in the test: a temporary directory made in a before hook is removed when the hook ends.
  app = gitRepo({ 'app/db.py': SAFE, '.loopwarden.yml': `ledger:\n  url: ${server!.url}\n  tokenEnv: LOOPWARDEN_TOKEN\n  repository: acme/app\n` });
  for (let edit = 1; edit <= 3; edit++) assert.equal(agentCheck(edit).json.chain.aiIterationsSinceReview, edit);
  const { context, page, problems } = await newPage();
  try {
    await logInWithMouse(page, 'rita');
    const row = page.locator('#queue-table tbody tr', { hasText: 'acme/app' });
    assert.match((await row.textContent()) ?? '', /3 of 3 review needed/);
    await row.getByRole('link', { name: /Review #3/ }).click();
    await page.waitForURL(/\/dashboard\/iteration\?repo=acme%2Fapp&seq=3$/);
    await audit(page, 'reviewer-iteration');
    await page.getByLabel(/Note/).fill('read the three edits: nothing unsafe');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForURL(/recorded=4$/);
    assert.match((await page.locator('[role="status"]').textContent()) ?? '', /Approved \(record #4\)/);
    assert.deepEqual(problems, []);
    // The agent's token never reaches the form, whatever it sends (from a browser without a session).
    const agentContext = await browser!.newContext({ baseURL: server!.url });
    const forged = await agentContext.request.post('/dashboard/review', { headers: { authorization: `Bearer ${agentToken}`, origin: server!.url }, form: { repo: 'acme/app', seq: '4', decision: 'approve', head: '0'.repeat(64) } });
    assert.equal(forged.status(), 401);
    await agentContext.close();
  } finally {
    await context.close();
  }
  const next = agentCheck(4);
  assert.deepEqual(next.json.chain, { aiIterationsSinceReview: 1, limit: 3 });
});

test('without JavaScript the login form works and the Repositories table reads in full', async () => {
  const { context, page } = await newPage({ javaScriptEnabled: false });
  try {
    await logInWithMouse(page, 'ada');
    await page.goto('/dashboard/repositories');
    const rows = await page.locator('#repositories-table tbody tr').evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim().replace(/\s+/g, ' ') ?? '')));
    assert.deepEqual(rows.map((row) => row[0]), ['acme/api', 'acme/app', 'acme/web']);
    assert.match(rows[0]![5]!, /^no gaps \(120 records\)$/);
    assert.match(rows[0]![3]!, /^#\d+, \S+, \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    assert.equal(await page.locator('time').first().getAttribute('title'), null, 'no script ran');
    await page.goto('/dashboard/degradation');
    assert.ok((await page.locator('#degradation-table tbody tr').count()) > 2, 'the figures read as a table without script');
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
