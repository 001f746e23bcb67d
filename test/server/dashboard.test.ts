import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPostgres } from '../postgres.js';
import type { RunningServer } from '../../src/server/run-server.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import { landingFor, navigationFor } from '../../src/server/dashboard/views.js';
import type { DashboardView, Person } from '../../src/server/dashboard/view.js';
import { iterationPayload, localChain, request, startTestServer, storeTestSnapshots, testSnapshot } from './server-helpers.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const PASSWORD = 'correct horse battery';
const ROLES = { ada: 'admin', lee: 'lead', rita: 'reviewer', dev: 'developer' } as const;
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

let server: RunningServer;
let tokens: { agent: string; developer: string };

before(async () => {
  const url = await postgres.database();
  const ledgers = await openServerDatabase(url);
  const accounts = new AccountStore(ledgers.db);
  const [api] = [await ledgers.repository('acme/api'), await ledgers.repository('acme/web')];
  for (const [name, role] of Object.entries(ROLES)) {
    await accounts.createUser(name, role, PASSWORD);
    if (role === 'reviewer' || role === 'developer') await accounts.assignRepository(name, api!.id);
  }
  await accounts.createUser('lou', 'developer', PASSWORD);
  tokens = { agent: (await accounts.createToken('claude', 'agent', api!.id)).token, developer: (await accounts.createToken('ci', 'developer', api!.id)).token };
  await ledgers.close();
  server = await startTestServer(url);
  await storeTestSnapshots(server, tokens.developer, 'acme/api');
  const records = await localChain([{ kind: 'iteration', payload: iterationPayload('ai') }, { kind: 'iteration', payload: iterationPayload('ai', testSnapshot('b').id) }]);
  const pushed = await request(server, 'POST', `/api/v1/repos/${encodeURIComponent('acme/api')}/records`, { records }, { authorization: `Bearer ${tokens.agent}` });
  assert.equal(pushed.status, 200);
});
after(() => server.stop());

interface Page {
  status: number;
  location: string | null;
  headers: Headers;
  html: string;
}

/** One request as a browser would send it (no redirect followed): a form POST carries this site's Origin. */
async function browse(method: 'GET' | 'POST', path: string, options: { cookie?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Page> {
  const headers: Record<string, string> = { ...(options.cookie ? { cookie: options.cookie } : {}) };
  if (method === 'POST') Object.assign(headers, { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' });
  Object.assign(headers, options.headers);
  await new Promise((resolve) => setTimeout(resolve, 5));
  const response = await fetch(`${server.url}${path}`, { method, headers, redirect: 'manual', ...(options.form ? { body: new URLSearchParams(options.form).toString() } : {}) });
  return { status: response.status, location: response.headers.get('location'), headers: response.headers, html: await response.text() };
}

/** Logs in through the form; returns the cookie and the CSRF token the pages carry. */
async function logIn(name: string): Promise<{ cookie: string; csrf: string; landing: Page }> {
  const answer = await browse('POST', '/dashboard/login', { form: { name, password: PASSWORD } });
  assert.equal(answer.status, 303, answer.html);
  assert.equal(answer.location, '/dashboard');
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  assert.match(answer.headers.get('set-cookie')!, /HttpOnly/i);
  assert.match(answer.headers.get('set-cookie')!, /SameSite=Strict/i);
  const landing = await browse('GET', '/dashboard', { cookie });
  const page = await browse('GET', landing.location!, { cookie });
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.html)?.[1];
  assert.ok(csrf, 'the page carries the logout form with its CSRF token');
  return { cookie, csrf, landing };
}

function navigationOf(html: string): string[] {
  const nav = /<nav[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((match) => match[1]!);
}

/** What every page must hold to: the security headers, no inline script, no event-handler attribute, no stack trace. */
function assertSafePage(page: Page, what: string): void {
  assert.equal(page.headers.get('content-security-policy'), CSP, `${what}: CSP`);
  assert.equal(page.headers.get('x-content-type-options'), 'nosniff', `${what}: nosniff`);
  assert.equal(page.headers.get('referrer-policy'), 'same-origin', `${what}: referrer policy`);
  if (page.headers.get('content-type')?.startsWith('text/html')) {
    assert.equal(page.headers.get('cache-control'), 'no-store', `${what}: no-store`);
    for (const script of page.html.match(/<script\b[^>]*>/gi) ?? []) assert.match(script, /\ssrc="\/dashboard\/assets\//, `${what}: inline script ${script}`);
    assert.doesNotMatch(page.html, /<[^>]*\son[a-z]+\s*=/i, `${what}: an on*= attribute`);
    assert.doesNotMatch(page.html, /\sstyle\s*=/i, `${what}: a style attribute`);
    assert.doesNotMatch(page.html, /\bat [\w.<>]+ \(|node:internal|Error: /, `${what}: a stack trace`);
    assert.equal(page.html.match(/<h1\b/g)?.length, 1, `${what}: one <h1>`);
    assert.match(page.html, /<a class="skip-link" href="#main">/, `${what}: skip link`);
    assert.match(page.html, /<main id="main"/, `${what}: main`);
  }
}

test('each role logs in through the form and lands on its view (reviewer: queue, lead and admin: degradation, developer: repositories), with the navigation of its role', async () => {
  const everything = ['Review queue', 'Degradation', 'Models', 'People', 'Trends', 'Repositories'];
  const expected: Record<string, [string, string[]]> = {
    reviewer: ['/dashboard/queue', everything],
    lead: ['/dashboard/degradation', everything],
    admin: ['/dashboard/degradation', everything],
    developer: ['/dashboard/repositories', everything.slice(1)],
  };
  for (const [name, role] of Object.entries(ROLES)) {
    const { cookie, landing } = await logIn(name);
    assert.equal(landing.status, 303);
    const [location, navigation] = expected[role]!;
    assert.equal(landing.location, location, name);
    for (const path of ['/dashboard/queue', '/dashboard/degradation', '/dashboard/models', '/dashboard/people', '/dashboard/trends', '/dashboard/repositories']) {
      const page = await browse('GET', path, { cookie });
      if (role === 'developer' && path === '/dashboard/queue') {
        assert.equal(page.status, 403, `${name}: the queue is for reviewers`);
        continue;
      }
      assert.equal(page.status, 200, `${name}: ${path}`);
      assertSafePage(page, `${name}: ${path}`);
      assert.deepEqual(navigationOf(page.html), navigation, name);
      assert.match(page.html, new RegExp(`${name} \\(${role}\\)`));
    }
  }
});

test('the landing page and the navigation follow the views registered: reviewer → queue, lead and admin → degradation, developer → repositories', () => {
  const person = (role: Person['role']): Person => ({ kind: 'user', id: '1', name: role, role, repositories: new Set(), csrfToken: 'x' });
  const view = (path: string, label: string, mayView: DashboardView['mayView']): DashboardView => ({ path, label, mayView, render: () => Promise.reject(new Error('not rendered')) });
  const views = [
    view('/queue', 'Review queue', (p) => p.role === 'reviewer'),
    view('/degradation', 'Degradation', () => true),
    view('/repositories', 'Repositories', () => true),
  ];
  const expected = { reviewer: ['/queue', ['Review queue', 'Degradation', 'Repositories']], lead: ['/degradation', ['Degradation', 'Repositories']], admin: ['/degradation', ['Degradation', 'Repositories']], developer: ['/repositories', ['Degradation', 'Repositories']] } as const;
  for (const [role, [landing, navigation]] of Object.entries(expected)) {
    const who = person(role as Person['role']);
    assert.equal(landingFor(who, views)?.path, landing, role);
    assert.deepEqual(
      navigationFor(who, views).map((item) => item.label),
      navigation,
      role,
    );
  }
  // Until a role's own view is registered: the first it may see.
  assert.equal(landingFor(person('reviewer'), views.slice(1))?.path, '/degradation');
});

test('the Repositories page lists the repositories the person may read, with their chain, open findings and ledger', async () => {
  const developer = await logIn('dev');
  const own = await browse('GET', '/dashboard/repositories', { cookie: developer.cookie });
  const names = [...own.html.matchAll(/<tr><th scope="row">([^<]+)<\/th>/g)].map((match) => match[1]);
  assert.deepEqual(names, ['acme/api']);
  assert.match(own.html, /<td>no gaps \(2 records\)<\/td>/);
  assert.match(own.html, /<a href="\/dashboard\/iteration\?repo=acme%2Fapi&amp;seq=2">#2, pass, <time datetime="\d{4}-\d{2}-\d{2}T[^"]+">\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC<\/time><\/a>/);
  assert.match(own.html, /<label for="filter-repository">Repository<\/label>/);
  assert.doesNotMatch(own.html, /acme\/web/, 'a repository the developer may not read is not even an option');

  const lead = await logIn('lee');
  const all = await browse('GET', '/dashboard/repositories', { cookie: lead.cookie });
  assert.match(all.html, /<th scope="row">acme\/api<\/th>/);
  assert.match(all.html, /<th scope="row">acme\/web<\/th>.*?nothing recorded yet/);
  const filtered = await browse('GET', '/dashboard/repositories?repository=acme%2Fweb', { cookie: lead.cookie });
  assert.doesNotMatch(filtered.html, /<th scope="row">acme\/api/);
  assert.match(filtered.html, /<option value="acme\/web" selected="">acme\/web<\/option>|<option value="acme\/web" selected>acme\/web<\/option>/);

  const hidden = await browse('GET', '/dashboard/repositories?repository=acme%2Fweb', { cookie: developer.cookie });
  assert.equal(hidden.status, 403);
  assert.match(hidden.html, /You may not read acme\/web, or it does not exist/);
  assert.doesNotMatch(hidden.html, /<th scope="row">/);
});

test('an API token never reaches the dashboard: GET is sent to the login page, POST is refused with 401', async () => {
  for (const token of Object.values(tokens)) {
    for (const path of ['/dashboard', '/dashboard/repositories']) {
      const page = await browse('GET', path, { headers: { authorization: `Bearer ${token}` } });
      assert.deepEqual([page.status, page.location], [303, '/dashboard/login'], path);
    }
    const post = await browse('POST', '/dashboard/logout', { headers: { authorization: `Bearer ${token}` }, form: { csrf: 'x' } });
    assert.equal(post.status, 401);
    assertSafePage(post, 'POST with a token');
  }
  const anonymous = await browse('GET', '/dashboard/repositories');
  assert.deepEqual([anonymous.status, anonymous.location], [303, '/dashboard/login']);
});

test('every dashboard POST needs this site as its origin and the session’s own CSRF token in the form', async () => {
  const { cookie, csrf } = await logIn('rita');
  const refusals: { what: string; form: Record<string, string>; headers?: Record<string, string> }[] = [
    { what: 'no csrf field', form: {} },
    { what: 'a wrong csrf field', form: { csrf: `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` } },
    { what: 'another site as Origin', form: { csrf }, headers: { origin: 'http://evil.example' } },
    { what: 'a cross-site fetch', form: { csrf }, headers: { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } },
    { what: 'a JSON body', form: { csrf }, headers: { 'content-type': 'application/json' } },
  ];
  for (const { what, form, headers } of refusals) {
    const answer = await browse('POST', '/dashboard/logout', { cookie, form, headers });
    assert.equal(answer.status, 403, what);
    assertSafePage(answer, what);
    // Nothing was done: the session still stands.
    assert.equal((await browse('GET', '/dashboard/repositories', { cookie })).status, 200, what);
  }
  // The login form is covered by the origin check.
  const login = await browse('POST', '/dashboard/login', { form: { name: 'rita', password: PASSWORD }, headers: { origin: 'http://evil.example' } });
  assert.equal(login.status, 403);
  assert.equal(login.headers.get('set-cookie'), null);
});

test('logging out ends the session, for the dashboard and the API alike', async () => {
  const { cookie, csrf } = await logIn('lee');
  assert.equal((await request(server, 'GET', '/api/v1/me', undefined, { cookie })).status, 200);
  const out = await browse('POST', '/dashboard/logout', { cookie, form: { csrf } });
  assert.deepEqual([out.status, out.location], [303, '/dashboard/login']);
  assert.match(out.headers.get('set-cookie') ?? '', /lw_session=;/);
  const after = await browse('GET', '/dashboard/repositories', { cookie });
  assert.deepEqual([after.status, after.location], [303, '/dashboard/login']);
  assert.equal((await request(server, 'GET', '/api/v1/me', undefined, { cookie })).status, 401);
});

test('bad input answers a page that says what is wrong, never a stack trace', async () => {
  const { cookie } = await logIn('ada');
  const cases: [string, Page, number, RegExp][] = [
    ['a date that is not one', await browse('GET', '/dashboard/repositories?from=yesterday', { cookie }), 400, /From: a date is written YYYY-MM-DD/],
    ['an impossible date', await browse('GET', '/dashboard/repositories?to=2026-02-30', { cookie }), 400, /To: a date is written YYYY-MM-DD/],
    ['days the wrong way round', await browse('GET', '/dashboard/repositories?from=2026-03-01&to=2026-02-01', { cookie }), 400, /From: the first day comes after the last/],
    ['a long filter', await browse('GET', `/dashboard/repositories?model=${'m'.repeat(300)}`, { cookie }), 400, /Model: at most 200 characters/],
    ['a malformed escape', await browse('GET', '/dashboard/repositories?repository=%E0%A4%A', { cookie }), 403, /You may not read %E0%A4%A, or it does not exist/],
    ['a NUL in a filter', await browse('GET', '/dashboard/people?model=%00', { cookie }), 400, /Model: control characters are not accepted/],
    ['a NUL in a repository name', await browse('GET', '/dashboard/iteration?repo=%00&seq=1', { cookie }), 400, /not acceptable/],
    ['a NUL in the login form', await browse('POST', '/dashboard/login', { form: { name: 'a\u0000', password: 'x' } }), 400, /NUL character/],
    ['a malformed escape in the path', await browse('GET', '/dashboard/%E0%A4%A', { cookie }), 404, /There is no such page/],
    ['an unknown page', await browse('GET', '/dashboard/nowhere', { cookie }), 404, /There is no such page/],
    ['an empty login', await browse('POST', '/dashboard/login', { form: { name: '', password: '' } }), 400, /Enter your name/],
    ['a wrong password', await browse('POST', '/dashboard/login', { form: { name: 'ada', password: 'not the password' } }), 401, /Wrong name or password/],
    ['an unknown account', await browse('POST', '/dashboard/login', { form: { name: 'nobody', password: 'not the password' } }), 401, /Wrong name or password/],
    ['a huge form', await browse('POST', '/dashboard/login', { form: { name: 'ada', password: 'x'.repeat(20_000) } }), 413, /more than 16 KiB/],
  ];
  for (const [what, page, status, message] of cases) {
    assert.equal(page.status, status, `${what}: ${page.html.slice(0, 300)}`);
    assert.match(page.html, message, what);
    assertSafePage(page, what);
  }
  // Escaped, not interpreted: a filter value is shown as text.
  const injected = await browse('GET', `/dashboard/repositories?repository=${encodeURIComponent('<script>alert(1)</script>')}`, { cookie });
  assert.equal(injected.status, 403);
  assert.match(injected.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assertSafePage(injected, 'an injected filter');
});

test('the login form shares the API’s limit on failed logins', async () => {
  for (let attempt = 0; attempt < 5; attempt++) assert.equal((await browse('POST', '/dashboard/login', { form: { name: 'lou', password: `wrong guess ${attempt}` } })).status, 401);
  const limited = await browse('POST', '/dashboard/login', { form: { name: 'lou', password: PASSWORD } });
  assert.equal(limited.status, 429);
  assert.match(limited.html, /Too many failed logins for this account: try again in 15 minutes/);
  assertSafePage(limited, 'a limited login');
  // The API counts the same failures.
  assert.equal((await request(server, 'POST', '/api/v1/session', { name: 'lou', password: PASSWORD })).status, 429);
});

test('the stylesheet and the script are served under content-hashed names, cached for good; the login page links them', async () => {
  const login = await browse('GET', '/dashboard/login');
  assert.equal(login.status, 200);
  assertSafePage(login, 'login');
  const css = /<link rel="stylesheet" href="(\/dashboard\/assets\/dashboard\.[0-9a-f]{12}\.css)"/.exec(login.html)?.[1];
  const js = /<script type="module" src="(\/dashboard\/assets\/dashboard\.[0-9a-f]{12}\.js)"/.exec(login.html)?.[1];
  assert.ok(css && js, login.html);
  for (const [path, type] of [[css, 'text/css'], [js, 'text/javascript']] as const) {
    const asset = await browse('GET', path);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('content-type')!, new RegExp(`^${type}`));
    assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(asset.headers.get('x-content-type-options'), 'nosniff');
  }
  assert.equal((await browse('GET', '/dashboard/assets/dashboard.000000000000.css')).status, 404);
  assert.equal((await browse('GET', '/dashboard/assets/..%2f..%2fpackage.json')).status, 404);
});

test('a person already logged in is sent on from the login page', async () => {
  const { cookie } = await logIn('dev');
  const again = await browse('GET', '/dashboard/login', { cookie });
  assert.deepEqual([again.status, again.location], [303, '/dashboard']);
});
