import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CLI, cleanEnv, makeProject } from '../helpers.js';
import { startPostgres } from '../postgres.js';
import { login } from './server-helpers.js';
import { openServerDatabase } from '../../src/server/run-server.js';
import { seedDemo, type SeededDemo } from '../../src/server/demo/seed-demo.js';
import { recordProblem } from '../../src/server/content-checks.js';
import { UserError } from '../../src/errors.js';
import type { LedgerRecord } from '../../src/ledger/record.js';
import type { RunningServer } from '../../src/server/run-server.js';

const postgres = await startPostgres();
after(() => postgres.stop());

const END = new Date('2026-06-01T00:00:00Z');

/** Seeds the small demo into a new database; returns its URL, what the seed said, and every repository's records and verification. */
async function seeded(seed: number): Promise<{ url: string; demo: SeededDemo; chains: Map<string, { records: LedgerRecord[]; ok: boolean; problems: string[] }> }> {
  const url = await postgres.database();
  const ledgers = await openServerDatabase(url);
  try {
    const demo = await seedDemo(ledgers, { size: 'small', seed, end: END });
    const chains = new Map<string, { records: LedgerRecord[]; ok: boolean; problems: string[] }>();
    for (const name of await ledgers.repositoryNames()) {
      const ledger = await ledgers.repository(name);
      const verified = await ledger.verify();
      chains.set(name, { records: await ledger.records(), ok: verified.ok, problems: verified.problems });
    }
    return { url, demo, chains };
  } finally {
    await ledgers.close();
  }
}

const first = await seeded(7);

test('the small demo: six repositories of 200 iterations, every chain verifies, every record is one the server would take', () => {
  assert.equal(first.chains.size, 6);
  assert.deepEqual([...first.chains.keys()].sort(), [...first.demo.repositories].sort());
  for (const [name, chain] of first.chains) {
    assert.equal(chain.ok, true, `${name}: ${chain.problems.slice(0, 3).join('; ')}`);
    assert.equal(chain.records.filter((record) => record.kind === 'iteration').length, 200, name);
    assert.match(name, /^(payments|web|platform|data)\/[a-z-]+$/);
    for (const record of chain.records) assert.equal(recordProblem(record), undefined, `${name} record ${record.seq}`);
    // The generator's clock: 180 days up to the end day, in order.
    const times = chain.records.map((record) => Date.parse(record.recordedAt));
    assert.ok(times.every((time, index) => index === 0 || time >= times[index - 1]!), `${name}: records out of time order`);
    assert.ok(times[0]! >= END.getTime() - 181 * 86_400_000 && times[times.length - 1]! <= END.getTime() + 1, name);
  }
  assert.equal(first.demo.records, [...first.chains.values()].reduce((sum, chain) => sum + chain.records.length, 0));
  const names = first.demo.logins.map((entry) => `${entry.name}:${entry.role}`);
  for (const expected of ['admin:admin', 'lead:lead', 'rita:reviewer', 'sam:reviewer', 'dev:developer']) assert.ok(names.includes(expected), names.join(' '));
  assert.ok(first.demo.logins.every((entry) => entry.password.length >= 12));
});

test('the same seed gives the same chains (head hashes); another seed, others', async () => {
  const again = await seeded(7);
  const heads = (run: typeof first) => Object.fromEntries([...run.chains].map(([name, chain]) => [name, chain.records.at(-1)!.hash]));
  assert.deepEqual(heads(again), heads(first));
  const other = await seeded(8);
  assert.notDeepEqual(heads(other), heads(first));
  // Passwords are not part of the history: random each time.
  assert.notEqual(again.demo.logins[0]!.password, first.demo.logins[0]!.password);
});

test('AI iterations introduce more findings further along the chain (counted from the records)', () => {
  const byPosition = new Map<number, { iterations: number; introduced: number }>();
  for (const chain of first.chains.values()) {
    for (const record of chain.records) {
      if (record.kind !== 'iteration' || record.payload.provenance.actor !== 'ai') continue;
      const position = Math.min(record.payload.verdict.chain.aiIterationsSinceReview, 5);
      const entry = byPosition.get(position) ?? { iterations: 0, introduced: 0 };
      entry.iterations++;
      entry.introduced += record.payload.introduced.length;
      byPosition.set(position, entry);
    }
  }
  const rate = (position: number) => byPosition.get(position)!.introduced / byPosition.get(position)!.iterations;
  const rates = [1, 2, 3, 4, 5].map(rate);
  assert.ok(byPosition.get(1)!.iterations > 100, JSON.stringify([...byPosition]));
  assert.ok(rates[2]! > rates[0]! * 1.2 && rates[4]! > rates[0]! * 1.2, `introduced per AI iteration by position 1–5+: ${rates.map((r) => r.toFixed(2)).join(' ')}`);
});

test('reviews: both decisions, by the team\'s reviewer accounts, attested by the server; open findings get rejected and approved', () => {
  const reviewers = new Map(first.demo.logins.filter((entry) => entry.role === 'reviewer').map((entry) => [entry.name, entry.scope]));
  const decisions = { approve: 0, reject: 0, approvedOpen: 0 };
  for (const [name, chain] of first.chains) {
    for (const record of chain.records) {
      if (record.kind !== 'review') continue;
      decisions[record.payload.decision]++;
      assert.deepEqual(record.payload.attestation, { kind: 'server', account: record.payload.reviewer });
      assert.ok(reviewers.get(record.payload.reviewer)?.includes(`${name.split('/')[0]}/*`), `${name}: reviewed by ${record.payload.reviewer}`);
      assert.ok(record.payload.covers.length > 0, `${name} review ${record.seq} covers nothing`);
      const head = chain.records.slice(0, record.seq - 1).reverse().find((r) => r.kind === 'iteration');
      if (record.payload.decision === 'reject') assert.ok(head?.kind === 'iteration' && (head.payload.open?.length ?? 0) > 0, `${name} review ${record.seq}: rejected with nothing open`);
      else if (head?.kind === 'iteration' && (head.payload.open?.length ?? 0) > 0) decisions.approvedOpen++;
    }
  }
  assert.ok(decisions.approve > 20 && decisions.reject > 20 && decisions.approvedOpen > 5, JSON.stringify(decisions));
});

test('refuses a database that holds records already', async () => {
  const ledgers = await openServerDatabase(first.url);
  try {
    await assert.rejects(seedDemo(ledgers, { size: 'small', seed: 7, end: END, where: first.url }), (error: unknown) => error instanceof UserError && /holds ledger records: --demo seeds only an empty database/.test(error.message));
  } finally {
    await ledgers.close();
  }
});

test('loopwarden server --demo --demo-size small: prints the logins, answers the lead, stops on SIGTERM leaving no cluster', async () => {
  const cwd = makeProject({});
  const child = spawn(process.execPath, [CLI, 'server', '--demo', '--demo-size', 'small', '--seed', '3', '--port', '0'], { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the demo did not start: ${stderr}`)), 120_000);
      child.stderr.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)[\s\S]*\n {2}dev +\S+ +developer/.exec(stderr);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      });
      void exited.then(() => reject(new Error(`the demo exited: ${stderr}`)));
    });
    assert.match(stderr, /seeded 6\/6 repositories/);
    const password = /\n {2}lead +(\S+) +lead: reads every repository\n/.exec(stderr)?.[1];
    assert.ok(password, stderr);
    const lead = await login({ url } as RunningServer, 'lead', password);
    const answer = await lead.call('GET', '/api/v1/repos');
    assert.equal(answer.status, 200);
    assert.equal(answer.json.repositories.length, 6);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, stderr);
  const directory = /a throw-away PostgreSQL in (\S+)/.exec(stderr)?.[1];
  assert.ok(directory, stderr);
  assert.equal(existsSync(directory), false, `${directory} is still there`);
});

test("every dashboard view's figures over the seeded demo equal the definitions applied to its records", async () => {
  const chains = Object.fromEntries([...first.chains].map(([name, chain]) => [name, chain.records]));
  const ledgers = await openServerDatabase(first.url);
  try {
    const scope = { repositoryIds: await Promise.all(Object.keys(chains).map(async (name) => (await ledgers.repository(name)).id)) };
    const { degradationByPosition } = await import('../../src/ledger/insights/degradation.js');
    const { modelsByCwe } = await import('../../src/ledger/insights/models.js');
    const { authors } = await import('../../src/ledger/insights/people.js');
    const { reviewerProficiency } = await import('../../src/ledger/insights/proficiency.js');
    const { trends } = await import('../../src/ledger/insights/trends.js');
    const { repositoryStates } = await import('../../src/ledger/insights/repositories.js');
    const reference = await import('../ledger/insights/reference.js');
    const degradation = await degradationByPosition(ledgers.insights, scope, {});
    assert.deepEqual(degradation.map(({ position, aiIterations, introduced }) => ({ position, aiIterations, introduced })), reference.degradation(chains));
    assert.deepEqual(new Map((await modelsByCwe(ledgers.insights, scope, {})).map((cell) => [`${cell.model}|${cell.cwe}`, cell.introduced])), reference.modelCwe(chains));
    assert.deepEqual(new Map((await authors(ledgers.insights, scope, {})).map((row) => [row.author ?? '', { iterations: row.iterations, aiIterations: row.aiIterations, reviewed: row.reviewedAiIterations }])), reference.authors(chains));
    const proficiency = await reviewerProficiency(ledgers.insights, scope, {});
    assert.ok(proficiency.some((row) => row.missed > 0) && proficiency.some((row) => row.caught > 0), 'the demo has catches and misses');
    assert.deepEqual(new Map(proficiency.map((row) => [`${row.reviewer}|${row.cwe}`, { caught: row.caught, missed: row.missed, accepted: row.accepted }])), reference.proficiency(chains));
    const days = await trends(ledgers.insights, scope, {});
    for (const day of days.filter((_, index) => index % 5 === 0)) assert.deepEqual({ openFindings: day.openFindings, risk: day.risk, unreviewedAiIterations: day.unreviewedAiIterations }, reference.levelsAt(chains, day.day), day.day);
    for (const row of await repositoryStates(ledgers.insights, scope)) assert.equal(row.records, chains[row.name]!.length, row.name);
  } finally {
    await ledgers.close();
  }
});
