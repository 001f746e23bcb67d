import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { makeProject, runCli } from '../helpers.js';
import { startPostgres } from '../postgres.js';
import { chainOf, finishedJob, generatedHistory, repoPath, startWorkerProcess, teamServer } from './worker-helpers.js';

const postgres = await startPostgres();
after(() => postgres.stop());

async function count(database: string, query: string): Promise<number> {
  const client = new pg.Client({ connectionString: database });
  await client.connect();
  try {
    return Number((await client.query<{ count: string }>(query)).rows[0]!.count);
  } finally {
    await client.end();
  }
}

test('three workers, two jobs each at once, audit ten generated histories: one iteration per commit, in order; the same audits again record nothing', async () => {
  const database = await postgres.database();
  const names = Array.from({ length: 10 }, (_, i) => `gen/repo-${i}`);
  const { admin, lead } = await teamServer(database, names);
  const histories = names.map((_, i) => generatedHistory(4 + (i % 5), i % 2 === 0 ? i % 4 : undefined));
  const workers = [0, 1, 2].map(() => startWorkerProcess(database, ['--concurrency', '2', '--work-dir', makeProject({})]));
  await Promise.all(workers.map((worker) => worker.ready));

  const enqueue = async () => {
    const ids: string[] = [];
    for (const [i, name] of names.entries()) {
      const posted = await admin.call('POST', `${repoPath(name)}/jobs`, { kind: 'audit-history', source: histories[i]!.root, since: histories[i]!.base });
      assert.equal(posted.status, 201, JSON.stringify(posted.json));
      assert.deepEqual([posted.json.state, posted.json.kind, posted.json.repository, posted.json.requestedBy], ['queued', 'audit-history', name, 'ada']);
      ids.push(posted.json.id);
    }
    return Promise.all(ids.map((id, i) => finishedJob(lead, names[i]!, id)));
  };

  const first = await enqueue();
  for (const [i, job] of first.entries()) {
    const history = histories[i]!;
    const length = history.commits.length;
    assert.equal(job.state, 'completed', JSON.stringify(job));
    assert.deepEqual([job.commitsDone, job.commitsTotal, job.lastError], [length, length, null]);
    assert.deepEqual(job.result, { kind: 'audit-history', commits: length, recorded: length, unchanged: 0, skipped: 0, ai: history.ai.size, head: job.result.head });
    const chain = await chainOf(lead, names[i]!);
    assert.deepEqual(chain.commits, history.commits, `${names[i]}: one iteration per commit, oldest first`);
    assert.equal(new Set(chain.commits).size, chain.commits.length);
    assert.deepEqual(chain.verified, { ok: true, records: length, problems: [] });
    for (const record of chain.records) {
      const commit = record.payload.revision.commit;
      assert.equal(record.payload.provenance.actor, history.ai.has(commit) ? 'ai' : 'human', `${names[i]} ${commit}`);
      assert.equal(record.payload.introduced.some((finding: { cwe: string[] }) => finding.cwe.includes('CWE-89')), commit === history.unsafe, `${names[i]} ${commit}: CWE-89 introduced`);
    }
  }
  // The ten jobs were shared out: more than one worker took some.
  const busy = workers.filter((worker) => worker.logs().some((entry) => entry.msg === 'job completed'));
  assert.ok(busy.length >= 2, `jobs done by ${busy.length} worker(s)`);

  const again = await enqueue();
  for (const [i, job] of again.entries()) {
    const length = histories[i]!.commits.length;
    assert.equal(job.state, 'completed', JSON.stringify(job));
    assert.deepEqual([job.result.recorded, job.result.skipped, job.result.unchanged], [0, length - 1, 1], 'nothing new: every commit is held (the last one checked again, unchanged)');
    assert.deepEqual((await chainOf(lead, names[i]!)).commits, histories[i]!.commits);
  }
  const listed = await lead.call('GET', `${repoPath(names[0]!)}/jobs`);
  assert.deepEqual(listed.json.jobs.map((job: { id: string }) => job.id), [again[0].id, first[0].id], 'newest first');

  for (const worker of workers) assert.equal(await worker.stop(), 0, worker.output().stderr);
  for (const worker of workers) assert.equal(worker.logs().at(-1)?.msg, 'worker stopped');
});

test('a worker killed mid-job: after the job timeout another worker takes it up, and every commit is recorded once', async () => {
  const database = await postgres.database();
  const { admin, lead } = await teamServer(database, ['gen/long']);
  const history = generatedHistory(40, 5);
  const doomed = startWorkerProcess(database, ['--job-timeout', '12', '--work-dir', makeProject({})]);
  await doomed.ready;
  const posted = await admin.call('POST', `${repoPath('gen/long')}/jobs`, { kind: 'audit-history', source: history.root, since: history.base });
  assert.equal(posted.status, 201);
  let seen: any;
  for (;;) {
    seen = (await lead.call('GET', `${repoPath('gen/long')}/jobs/${posted.json.id}`)).json;
    if ((seen.commitsDone ?? 0) >= 3) break;
    assert.notEqual(seen.state, 'completed', 'the job ended before the worker could be killed');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await doomed.kill();
  const killedAt = (await lead.call('GET', `${repoPath('gen/long')}/jobs/${posted.json.id}`)).json;
  assert.equal(killedAt.state, 'active');
  assert.ok(killedAt.commitsDone < 40, `killed at ${killedAt.commitsDone} of 40`);

  const survivor = startWorkerProcess(database, ['--job-timeout', '12', '--work-dir', makeProject({})]);
  const job = await finishedJob(lead, 'gen/long', posted.json.id);
  assert.equal(job.state, 'completed', JSON.stringify(job));
  assert.equal(job.attempt, 2);
  assert.match(job.lastError, /^attempt 1 did not finish \(its worker stopped or ran past the job timeout\); taken up again$/);
  assert.equal(job.result.recorded + job.result.skipped + job.result.unchanged, 40);
  assert.ok(job.result.recorded < 40, 'the second attempt went on from what the first had recorded');
  const chain = await chainOf(lead, 'gen/long');
  assert.deepEqual(chain.commits, history.commits);
  assert.deepEqual(chain.verified, { ok: true, records: 40, problems: [] });
  assert.equal(await survivor.stop(), 0);
});

test('a worker stopped with SIGTERM mid-job finishes the job first, then exits 0', async () => {
  const database = await postgres.database();
  const { admin, lead } = await teamServer(database, ['gen/stopped']);
  const history = generatedHistory(12);
  const worker = startWorkerProcess(database, ['--job-timeout', '60', '--work-dir', makeProject({})]);
  await worker.ready;
  const posted = await admin.call('POST', `${repoPath('gen/stopped')}/jobs`, { kind: 'audit-history', source: history.root, since: history.base });
  while (((await lead.call('GET', `${repoPath('gen/stopped')}/jobs/${posted.json.id}`)).json.commitsDone ?? 0) < 1) await new Promise((resolve) => setTimeout(resolve, 25));
  assert.equal(await worker.stop(), 0, worker.output().stderr);
  const job = (await lead.call('GET', `${repoPath('gen/stopped')}/jobs/${posted.json.id}`)).json;
  assert.deepEqual([job.state, job.attempt, job.commitsDone, job.result.recorded], ['completed', 1, 12, 12]);
  assert.deepEqual((await chainOf(lead, 'gen/stopped')).commits, history.commits);
  assert.deepEqual(worker.logs().map((entry) => entry.msg), ['worker started', 'job started', 'job completed', 'worker stopped']);
});

test('rescan: audited with the SQL rules left out, rescanned with every rule installed: the injection is new, a second rescan says the same, the chain is unchanged', async () => {
  const database = await postgres.database();
  const { admin, lead } = await teamServer(database, ['gen/rescan']);
  const history = generatedHistory(4, 1);
  const narrow = startWorkerProcess(database, ['--ignore', 'CWE-89', '--work-dir', makeProject({})]);
  const audit = await admin.call('POST', `${repoPath('gen/rescan')}/jobs`, { kind: 'audit-history', source: history.root, since: history.base });
  const audited = await finishedJob(lead, 'gen/rescan', audit.json.id);
  assert.equal(audited.state, 'completed', JSON.stringify(audited));
  const before = await chainOf(lead, 'gen/rescan');
  assert.deepEqual(before.commits, history.commits);
  assert.deepEqual(before.records.at(-1).payload.open, [], 'the narrowed rules found nothing');
  assert.equal(await narrow.stop(), 0);

  const full = startWorkerProcess(database, ['--work-dir', makeProject({})]);
  // Enqueued from the command line, as an admin on the database would.
  const cwd = makeProject({});
  const queued = runCli(['server', 'admin', 'rescan', 'gen/rescan', '--source', history.root, '--database', database], cwd);
  assert.equal(queued.status, 0, queued.stderr);
  assert.match(queued.stdout, /^[0-9a-f-]{36}\n$/);
  const rescanned = await finishedJob(lead, 'gen/rescan', queued.stdout.trim());
  assert.equal(rescanned.state, 'completed', JSON.stringify(rescanned));
  const result = rescanned.result;
  assert.deepEqual([result.kind, result.commit, result.seq, result.stillOpen, result.goneFindings], ['rescan', history.commits.at(-1), 4, 0, []]);
  assert.equal(result.newFindings.length, 1, JSON.stringify(result.newFindings));
  assert.deepEqual([result.newFindings[0].path, result.newFindings[0].startLine, result.newFindings[0].cwe.includes('CWE-89')], ['app/db.py', 2, true]);
  assert.match(result.rulesDigest, /^[0-9a-f]{16}$/);

  const again = await admin.call('POST', `${repoPath('gen/rescan')}/jobs`, { kind: 'rescan', source: history.root });
  assert.equal(again.status, 201);
  assert.deepEqual((await finishedJob(lead, 'gen/rescan', again.json.id)).result, result);
  const afterwards = await chainOf(lead, 'gen/rescan');
  assert.deepEqual(afterwards.records, before.records, 'a rescan records nothing');
  assert.equal(await full.stop(), 0);
});

test('bad jobs: refused at the door (400, 403, 404, nothing queued) or failed at once with a one-line error', async () => {
  const database = await postgres.database();
  const { admin, lead, developer } = await teamServer(database, ['gen/bad', 'gen/empty']);
  const history = generatedHistory(2);
  const jobs = `${repoPath('gen/bad')}/jobs`;
  const queued = () => count(database, 'SELECT count(*) AS count FROM jobs');

  const unknown = await admin.call('POST', `${repoPath('gen/nope')}/jobs`, { kind: 'audit-history', source: history.root, since: history.base });
  assert.deepEqual([unknown.status, unknown.json.error], [404, 'no repository named gen/nope']);
  for (const [body, problem] of [
    [{ kind: 'audit-history', source: '-uhack', since: history.base }, /source: a source may not begin with "-"/],
    [{ kind: 'audit-history', source: history.root, since: '--all' }, /since: a revision may not begin with "-"/],
    [{ kind: 'audit-history', source: history.root, since: 'a b' }, /since: a revision has no spaces/],
    [{ kind: 'audit-history', source: history.root }, /since: /],
    [{ kind: 'rescan', source: history.root, since: history.base }, /Unrecognized key/],
    [{ kind: 'delete-everything', source: history.root }, /kind: /],
  ] as const) {
    const refused = await admin.call('POST', jobs, body);
    assert.equal(refused.status, 400, JSON.stringify(body));
    assert.match(refused.json.error, problem);
  }
  for (const client of [lead, developer]) {
    const denied = await client.call('POST', jobs, { kind: 'audit-history', source: history.root, since: history.base });
    assert.equal(denied.status, 403);
  }
  assert.equal(await queued(), 0, 'nothing refused was queued');
  assert.equal(await count(database, "SELECT count(*) AS count FROM pg_namespace WHERE nspname = 'pgboss'"), 0, 'the queue was never even installed');

  const worker = startWorkerProcess(database, ['--work-dir', makeProject({})]);
  const failures: [object, RegExp, string?][] = [
    [{ kind: 'audit-history', source: '/nonexistent/source', since: history.base }, /^source \/nonexistent\/source: no such directory on the worker$/],
    [{ kind: 'audit-history', source: 'file:///nonexistent/source', since: history.base }, /^cannot clone file:\/\/\/nonexistent\/source: .+$/],
    [{ kind: 'audit-history', source: history.root, since: 'v9.9' }, /^since v9\.9: not a commit in the source$/],
    [{ kind: 'audit-history', source: history.root, since: history.base, ref: 'no-such-branch' }, /^ref no-such-branch: not a commit in the source$/],
    [{ kind: 'audit-history', source: history.root, since: history.commits[1]!, ref: history.base }, /^since \S+: not an ancestor of \S+; nothing recorded$/],
    [{ kind: 'rescan', source: history.root }, /^gen\/empty: no iteration is recorded yet; nothing to rescan$/, 'gen/empty'],
  ];
  for (const [body, message, repository = 'gen/bad'] of failures) {
    const posted = await admin.call('POST', `${repoPath(repository)}/jobs`, body);
    assert.equal(posted.status, 201, JSON.stringify(posted.json));
    const job = await finishedJob(lead, repository, posted.json.id);
    assert.deepEqual([job.state, job.attempt], ['failed', 1], JSON.stringify(job));
    assert.match(job.lastError, message);
    assert.doesNotMatch(job.lastError, /\n/);
  }
  assert.deepEqual((await chainOf(lead, 'gen/bad')).commits, [], 'nothing recorded');
  assert.equal(await worker.stop(), 0);

  const cwd = makeProject({});
  const dash = runCli(['server', 'admin', 'audit', 'gen/bad', '--source=-uhack', '--since', history.base, '--database', database], cwd);
  assert.deepEqual([dash.status, dash.stderr], [2, 'loopwarden: --source: a source may not begin with "-" (git would read it as an option)\n']);
  const missing = runCli(['server', 'admin', 'audit', 'gen/typo', '--source', history.root, '--since', history.base, '--database', database], cwd);
  assert.deepEqual([missing.status, missing.stderr], [2, 'loopwarden: no repository named gen/typo on the server (--create makes it)\n']);
  const noDatabase = runCli(['worker'], cwd, { env: { LOOPWARDEN_DATABASE_URL: undefined } });
  assert.deepEqual([noDatabase.status, noDatabase.stderr], [2, 'loopwarden: name the database: --database postgres://USER@HOST:PORT/DB, or LOOPWARDEN_DATABASE_URL\n']);
  const badConcurrency = runCli(['worker', '--concurrency', '0', '--database', database], cwd);
  assert.deepEqual([badConcurrency.status, badConcurrency.stderr], [2, 'loopwarden: --concurrency 0: a whole number from 1 to 64\n']);
  const created = runCli(['server', 'admin', 'audit', 'gen/new', '--create', '--source', history.root, '--since', history.base, '--database', database], cwd);
  assert.equal(created.status, 0, created.stderr);
  assert.equal(await queued(), failures.length + 1);
});

test('one work directory serving two databases: the repository with the same id in each gets its own copy of its chain', async () => {
  // Found running the README's demo twice: ids restart at 1 in a new database, and the second audit met the
  // first database's copy (which refused a server "lacking" its records).
  const workDir = makeProject({});
  for (const round of [1, 2]) {
    const database = await postgres.database();
    const { admin, lead } = await teamServer(database, ['gen/same']);
    const history = generatedHistory(3);
    const worker = startWorkerProcess(database, ['--work-dir', workDir]);
    await worker.ready;
    const posted = await admin.call('POST', `${repoPath('gen/same')}/jobs`, { kind: 'audit-history', source: history.root, since: history.base });
    const job = await finishedJob(lead, 'gen/same', posted.json.id);
    assert.deepEqual([round, job.state, job.lastError, job.result?.recorded], [round, 'completed', null, 3]);
    assert.equal(await worker.stop(), 0);
  }
});
