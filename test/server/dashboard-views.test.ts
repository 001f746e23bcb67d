import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startPostgres } from '../postgres.js';
import type { RunningServer } from '../../src/server/run-server.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { AccountStore } from '../../src/server/accounts.js';
import { TeamStore } from '../../src/server/teams.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
import { generatedChain } from '../ledger/insights/generated-chains.js';
import { chainOf } from '../ledger/insights/insight-records.js';
import * as reference from '../ledger/insights/reference.js';
import { request, startTestServer, tokenClient } from './server-helpers.js';

// The dashboard's figures against the records they come from, and its review form against the chain.

const postgres = await startPostgres();
const PASSWORD = 'correct horse battery';
// acme/api and acme/web: generated histories; acme/new: three AI iterations, waiting for review.
const chains: Record<string, LedgerRecord[]> = {
  'acme/api': generatedChain(1, 90),
  'acme/web': generatedChain(2, 70),
  'acme/new': chainOf([{ kind: 'iteration', chain: 1 }, { kind: 'iteration', chain: 2 }, { kind: 'iteration', chain: 3 }]),
};
let server: RunningServer;
let agentToken: string;

before(async () => {
  const url = await postgres.database();
  const ledgers = await openServerDatabase(url);
  const accounts = new AccountStore(ledgers.db);
  const ids: Record<string, string> = {};
  for (const [name, records] of Object.entries(chains)) {
    const ledger = await ledgers.repository(name);
    ids[name] = ledger.id;
    await ledger.continueWith(records);
  }
  for (const [name, role, repos] of [['lee', 'lead', []], ['rita', 'reviewer', ['acme/api', 'acme/new']], ['rob', 'reviewer', ['acme/web']]] as const) {
    await accounts.createUser(name, role, PASSWORD);
    for (const repo of repos) await accounts.assignRepository(name, ids[repo]!);
  }
  agentToken = (await accounts.createToken('claude', 'agent', ids['acme/new']!)).token;
  await new TeamStore(ledgers.db).add('Web', [ids['acme/web']!]);
  await ledgers.close();
  server = await startTestServer(url);
});
after(async () => {
  await server?.stop();
  postgres.stop();
});

async function browse(method: 'GET' | 'POST', path: string, cookie?: string, form?: Record<string, string>, headers: Record<string, string> = {}) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const response = await fetch(`${server.url}${path}`, {
    method,
    redirect: 'manual',
    headers: { ...(cookie ? { cookie } : {}), ...(method === 'POST' ? { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers },
    ...(form ? { body: new URLSearchParams(form).toString() } : {}),
  });
  return { status: response.status, location: response.headers.get('location'), cookie: response.headers.get('set-cookie')?.split(';')[0], html: await response.text() };
}

async function logIn(name: string): Promise<{ cookie: string; csrf: string }> {
  const answer = await browse('POST', '/dashboard/login', undefined, { name, password: PASSWORD });
  assert.equal(answer.status, 303);
  const cookie = answer.cookie!;
  const page = await browse('GET', '/dashboard/repositories', cookie);
  return { cookie, csrf: /name="csrf" value="([^"]+)"/.exec(page.html)![1]! };
}

/** The body cells of a table by its id, as text. */
function tableRows(html: string, id: string): string[][] {
  const table = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim()));
}

test('the degradation page shows, in its table and its chart, the figures the records give', async () => {
  const { cookie } = await logIn('lee');
  const page = await browse('GET', '/dashboard/degradation', cookie);
  assert.equal(page.status, 200);
  const expected = reference.degradation(chains);
  const rows = tableRows(page.html, 'degradation-table');
  assert.deepEqual(rows.map((cells) => [Number(cells[0]!.split(' ')[0]), Number(cells[1]), Number(cells[2])]), expected.map((row) => [row.position, row.aiIterations, row.introduced]));
  const points = [...page.html.matchAll(/aria-roledescription="point"[^>]*aria-label="([^"]+)"|aria-label="([^"]+)"[^>]*aria-roledescription="point"/g)].map((match) => match[1] ?? match[2]);
  assert.equal(points.length, expected.length);
  for (const [index, row] of expected.entries()) assert.match(points[index]!, new RegExp(`position: ${row.position}; per iteration: ${Math.round((row.introduced / row.aiIterations) * 1000) / 1000}(;|$)`));
  assert.match(page.html, /policy limit: 3/);
  assert.match(page.html, /href="\/api\/v1\/insights\/degradation\?format=csv"/);
  // Filters narrow, within what the lead may read: acme/web alone.
  const web = await browse('GET', '/dashboard/degradation?team=Web', cookie);
  assert.deepEqual(tableRows(web.html, 'degradation-table').map((cells) => Number(cells[2])), reference.degradation({ 'acme/web': chains['acme/web']! }).map((row) => row.introduced));
});

test('the people page: reviewer proficiency per CWE equals the definitions applied to the records, with a learning plan', async () => {
  const { cookie } = await logIn('lee');
  const page = await browse('GET', '/dashboard/people', cookie);
  const shown = new Map(tableRows(page.html, 'proficiency-table').map((cells) => [`${cells[0]}|${cells[1]!.split(' ')[0]}`, { caught: Number(cells[2]), missed: Number(cells[3]), accepted: Number(cells[5]) }]));
  assert.deepEqual(shown, reference.proficiency({ 'acme/api': chains['acme/api']!, 'acme/web': chains['acme/web']!, 'acme/new': chains['acme/new']! }));
  assert.match(page.html, /aria-label="rita: learning plan"/);
  assert.match(page.html, /https:\/\/cheatsheetseries\.owasp\.org\/cheatsheets\/[A-Za-z_]+\.html/);
  // A reviewer of acme/web alone sees only acme/web's reviews.
  const rob = await logIn('rob');
  const own = await browse('GET', '/dashboard/people', rob.cookie);
  const robsRows = new Map(tableRows(own.html, 'proficiency-table').map((cells) => [`${cells[0]}|${cells[1]!.split(' ')[0]}`, { caught: Number(cells[2]), missed: Number(cells[3]), accepted: Number(cells[5]) }]));
  assert.deepEqual(robsRows, reference.proficiency({ 'acme/web': chains['acme/web']! }));
  assert.doesNotMatch(own.html, /acme\/api/);
});

test('the queue lists acme/new at its limit; the reviewer approves it from its iteration page and its chain starts again', async () => {
  const rita = await logIn('rita');
  const queue = await browse('GET', '/dashboard/queue', rita.cookie);
  const waiting = tableRows(queue.html, 'queue-table');
  const row = waiting.find((cells) => cells[0] === 'acme/new');
  assert.ok(row, JSON.stringify(waiting));
  assert.equal(row[1], '3 of 3 review needed');
  assert.match(queue.html, /<a href="\/dashboard\/iteration\?repo=acme%2Fnew&amp;seq=3">Review #3<\/a>/);
  const page = await browse('GET', '/dashboard/iteration?repo=acme%2Fnew&seq=3', rita.cookie);
  assert.match(page.html, /<button type="submit" name="decision" value="approve">/);
  const head = /name="head" value="([0-9a-f]{64})"/.exec(page.html)![1]!;

  // Without the session's CSRF token, or from another site, nothing is recorded.
  const form = { repo: 'acme/new', seq: '3', head, decision: 'approve', note: 'checked the three changes' };
  assert.equal((await browse('POST', '/dashboard/review', rita.cookie, form)).status, 403);
  assert.equal((await browse('POST', '/dashboard/review', rita.cookie, { ...form, csrf: rita.csrf }, { origin: 'http://evil.example' })).status, 403);
  // An agent's token never reaches the form, and a lead may not review.
  assert.equal((await browse('POST', '/dashboard/review', undefined, { ...form, csrf: rita.csrf }, { authorization: `Bearer ${agentToken}` })).status, 401);
  const lead = await logIn('lee');
  assert.doesNotMatch((await browse('GET', '/dashboard/iteration?repo=acme%2Fnew&seq=3', lead.cookie)).html, /name="decision"/);
  assert.equal((await browse('POST', '/dashboard/review', lead.cookie, { ...form, csrf: lead.csrf })).status, 403);
  const status = async () => (await request(server, 'GET', `/api/v1/repos/${encodeURIComponent('acme/new')}/status`, undefined, { authorization: `Bearer ${agentToken}` })).json;
  assert.deepEqual((await status()).chain, { aiIterationsSinceReview: 3, limit: 3 });

  const approved = await browse('POST', '/dashboard/review', rita.cookie, { ...form, csrf: rita.csrf });
  assert.equal(approved.status, 303);
  assert.equal(approved.location, '/dashboard/iteration?repo=acme%2Fnew&seq=3&recorded=4');
  const after = await browse('GET', approved.location!, rita.cookie);
  assert.match(after.html, /Approved \(record #4\): the AI chain of acme\/new starts again/);
  assert.doesNotMatch(after.html, /name="decision"/, 'nothing left to review');
  assert.deepEqual((await status()).chain, { aiIterationsSinceReview: 0, limit: 3 });
  assert.equal(tableRows((await browse('GET', '/dashboard/queue', rita.cookie)).html, 'queue-table').find((cells) => cells[0] === 'acme/new'), undefined);
  // The notice speaks only of the review that judged the iteration shown: a link naming it on another page says nothing.
  assert.doesNotMatch((await browse('GET', '/dashboard/iteration?repo=acme%2Fnew&seq=2&recorded=4', rita.cookie)).html, /Approved/);
  // A NUL in the note is refused (the API refuses it in any body, so a push of the chain would be refused after).
  assert.equal((await browse('POST', '/dashboard/review', rita.cookie, { ...form, note: 'a\u0000b', csrf: rita.csrf })).status, 400);
  // Sent twice (a double click): nothing more is recorded.
  const again = await browse('POST', '/dashboard/review', rita.cookie, { ...form, csrf: rita.csrf });
  assert.equal(again.status, 409);
  assert.match(again.html, /Nothing to review/);
  const records = (await tokenClient(server, agentToken).call('GET', `/api/v1/repos/${encodeURIComponent('acme/new')}/records`)).json.records as LedgerRecord[];
  assert.equal(records.length, 4);
  assert.deepEqual(records[3]!.kind === 'review' && records[3]!.payload.attestation, { kind: 'server', account: 'rita' });
});
