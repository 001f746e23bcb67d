import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { startThrowawayPostgres } from '../src/server/demo/throwaway-postgres.js';
import { seedDemo } from '../src/server/demo/seed-demo.js';
import { openServerDatabase, startServer } from '../src/server/run-server.js';

// `npm run bench:dashboard`: seeds the full demo (100 repositories × 1,000 iterations) into a throw-away
// PostgreSQL, starts the server, logs in as the lead and as a reviewer, and times every dashboard view: the
// first load after start (cold: nothing cached, Vega not warmed) and the median of five more. Prints the
// figures and writes docs/dashboard-explain.md with the plan PostgreSQL chose for every query the views ran
// (auto_explain, with ANALYZE). Never fails on time: these machines are noisy.

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SIZE = (process.env.BENCH_DEMO_SIZE ?? 'full') as 'full' | 'small';
const VIEWS = ['/dashboard/queue', '/dashboard/degradation', '/dashboard/models', '/dashboard/people', '/dashboard/trends', '/dashboard/repositories'];

async function superuser(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function login(base: string, name: string, password: string): Promise<string> {
  // loopwarden-ignore js-ssrf-built-url: the URL is the bench's own server on the loopback address
  const response = await fetch(`${base}/dashboard/login`, { method: 'POST', redirect: 'manual', headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ name, password }).toString() });
  if (response.status !== 303) throw new Error(`login ${name}: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

async function timed(base: string, path: string, cookie: string): Promise<number> {
  const started = performance.now();
  // loopwarden-ignore js-ssrf-built-url: the bench's own server on the loopback address and a fixed view path
  const response = await fetch(`${base}${path}`, { headers: { cookie } });
  const html = await response.text();
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${html.slice(0, 200)}`);
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const postgres = await startThrowawayPostgres({ install: true, who: 'bench:dashboard' });
try {
  const url = await postgres.database('dashboard');
  const ledgers = await openServerDatabase(url);
  const started = performance.now();
  const seeded = await seedDemo(ledgers, { size: SIZE, seed: 1, progress: (line) => console.log(`  ${line}`) });
  await ledgers.close();
  console.log(`seeded ${seeded.repositories.length} repositories, ${seeded.records} records (${seeded.reviews} reviews) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  await superuser(url, 'ANALYZE');
  // Every query the views run from now on is logged with its plan (auto_explain ships with Debian's postgresql).
  const database = new URL(url).pathname.slice(1);
  for (const setting of ["session_preload_libraries = 'auto_explain'", 'auto_explain.log_min_duration = 0', 'auto_explain.log_analyze = on', "auto_explain.log_format = 'text'"]) await superuser(url, `ALTER DATABASE ${database} SET ${setting}`);
  const server = await startServer({ databaseUrl: url, port: 0, host: '127.0.0.1', logger: pino({ level: 'warn' }) });
  try {
    const lead = seeded.logins.find((entry) => entry.role === 'lead')!;
    const reviewer = seeded.logins.find((entry) => entry.role === 'reviewer')!;
    const rows: string[] = [];
    for (const [who, account] of [['lead', lead], ['reviewer', reviewer]] as const) {
      const cookie = await login(server.url, account.name, account.password);
      for (const view of VIEWS) {
        const cold = await timed(server.url, view, cookie);
        const warm: number[] = [];
        for (let round = 0; round < 5; round++) warm.push(await timed(server.url, view, cookie));
        rows.push(`| ${who} | ${view} | ${cold.toFixed(0)} | ${median(warm).toFixed(0)} |`);
      }
    }
    console.log(`\nDashboard views over ${seeded.repositories.length} repositories, ${seeded.records} records (HTML complete, ms):\n`);
    console.log('| who | view | first load | median of 5 more |\n| --- | --- | ---: | ---: |');
    console.log(rows.join('\n'));
  } finally {
    await server.stop();
  }
  // The plans of the views' queries, from the server log.
  const log = readFileSync(join(postgres.directory, 'log'), 'utf8');
  const plans = log.split(/\n(?=\S.*LOG:\s+duration:)/).filter((entry) => /Query Text: .*(iteration_facts|finding_events|review_exposures|review_facts)/s.test(entry));
  const seen = new Set<string>();
  const sections: string[] = [];
  for (const entry of plans) {
    // auto_explain's text: "Query Text: <the query, over several lines>", then the plan, whose first line has "(cost=".
    const lines = entry.slice(entry.indexOf('Query Text:') + 'Query Text:'.length).split('\n');
    const planStart = lines.findIndex((line) => line.includes('(cost='));
    const text = lines.slice(0, planStart).join(' ').replace(/\s+/g, ' ').trim();
    // The start's catch-up of the projection is not a view's query.
    if (planStart < 0 || text.startsWith('SELECT greatest(')) continue;
    const key = text.slice(0, 200);
    if (seen.has(key)) continue;
    seen.add(key);
    const duration = /duration: ([\d.]+) ms/.exec(entry)?.[1];
    const plan = lines.slice(planStart).map((line) => line.replace(/^\t/, '')).join('\n').trim();
    sections.push(`### ${duration} ms\n\n\`\`\`sql\n${text}\n\`\`\`\n\n\`\`\`\n${plan}\n\`\`\``);
  }
  const document = `# Dashboard query plans\n\nWritten by \`npm run bench:dashboard\` on ${new Date().toISOString().slice(0, 10)}: the plan PostgreSQL chose (auto_explain with ANALYZE) for each query the dashboard's views ran over the ${SIZE} demo (${seeded.repositories.length} repositories, ${seeded.records} records), after ANALYZE. Each query's first predicate is the asker's repositories (\`= ANY(...)\`); the views read the projection tables (\`iteration_facts\`, \`finding_events\`, \`review_facts\`, \`review_coverage\`, \`review_exposures\`) through their primary keys and the indexes of migration 0004-insights.\n\n${sections.join('\n\n')}\n`;
  writeFileSync(join(REPO, 'docs', 'dashboard-explain.md'), document);
  console.log(`\n${sections.length} query plans → docs/dashboard-explain.md`);
} finally {
  postgres.stop();
}
