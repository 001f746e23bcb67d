import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { TOKEN_ROLES, USER_ROLES } from '../server/account-migrations.js';
import type { TokenRole, UserRole } from '../server/accounts.js';
import { readPassword } from './person.js';

interface DatabaseFlags {
  database?: string;
}

/** The database URL: --database, else LOOPWARDEN_DATABASE_URL. */
export function databaseUrl(flags: DatabaseFlags): string {
  const url = flags.database ?? process.env.LOOPWARDEN_DATABASE_URL;
  if (!url) throw new UserError('name the database: --database postgres://USER@HOST:PORT/DB, or LOOPWARDEN_DATABASE_URL');
  return url;
}

export const databaseOption = () => new Option('--database <url>', 'PostgreSQL connection URL (default: LOOPWARDEN_DATABASE_URL)');

/** Defines `loopwarden server` (start the team server) and `loopwarden server admin …`. */
export function serverCommand(): Command {
  const server = new Command('server')
    .description('run the team server: the shared ledger over HTTP, with accounts and roles (PostgreSQL)')
    .addOption(databaseOption())
    .option('--port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--secure-cookies', 'send session cookies with Secure (when served over HTTPS)')
    .option('--demo', 'seed generated demo data first: four teams\' repositories, chains, reviews and accounts (a throw-away PostgreSQL unless --database names an empty one)')
    .addOption(new Option('--demo-size <size>', 'with --demo: 100 repositories × 1,000 iterations, or 6 × 200').choices(['full', 'small']).default('full'))
    .option('--seed <n>', 'with --demo: the generator\'s seed (the same seed gives the same histories on the same day)', '1')
    .action(async (flags: DatabaseFlags & { port: string; host: string; secureCookies?: boolean; demo?: boolean; demoSize: 'full' | 'small'; seed: string }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${flags.port}: not a port number`);
      const { startServer } = await import('../server/run-server.js');
      // Until the server runs, a signal stops what was started so far (the throw-away cluster): see runDemo.
      const demo = flags.demo ? await runDemo(flags) : undefined;
      if (demo?.stopped()) return;
      let running: Awaited<ReturnType<typeof startServer>>;
      try {
        running = await startServer({ databaseUrl: demo?.databaseUrl ?? databaseUrl(flags), port, host: flags.host, secureCookies: flags.secureCookies === true });
      } catch (error) {
        demo?.stop();
        throw error;
      }
      demo?.serving();
      process.stderr.write(`loopwarden server: listening on ${running.url} (API under /api/v1, OpenAPI at /api/openapi.json)\n`);
      if (demo) process.stderr.write(demo.logins(running.url));
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.stop().then(() => {
            demo?.stop();
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });

  const admin = server.command('admin').description('manage accounts, tokens and repositories directly in the database');
  admin
    .command('create-user')
    .description('create an account; the password is asked on the terminal (or read from standard input)')
    .argument('<name>', 'account name')
    .addOption(new Option('--role <role>', 'the account\'s role').choices([...USER_ROLES]).makeOptionMandatory())
    .option('--repo <name...>', 'repositories to assign (reviewers review there, developers record there)')
    .addOption(databaseOption())
    .action(async (name: string, flags: DatabaseFlags & { role: UserRole; repo?: string[] }, command: Command) => {
      flags = withGlobals(flags, command);
      const password = await readPassword(`password for ${name}: `);
      await withAccounts(flags, async ({ accounts, ledgers }) => {
        await accounts.createUser(name, flags.role, password);
        for (const repository of flags.repo ?? []) await accounts.assignRepository(name, (await ledgers.repository(repository)).id);
        process.stdout.write(`created ${flags.role} ${name}${flags.repo?.length ? ` for ${flags.repo.join(', ')}` : ''}\n`);
      });
    });
  admin
    .command('assign')
    .description('assign a repository to an account')
    .argument('<name>', 'account name')
    .argument('<repo>', 'repository name')
    .addOption(databaseOption())
    .action(async (name: string, repository: string, flags: DatabaseFlags, command: Command) => {
      flags = withGlobals(flags, command);
      await withAccounts(flags, async ({ accounts, ledgers }) => {
        await accounts.assignRepository(name, (await ledgers.repository(repository)).id);
        process.stdout.write(`assigned ${repository} to ${name}\n`);
      });
    });
  admin
    .command('team-add')
    .description('add repositories to a team (created when new): teams group repositories on the dashboard; they grant nothing')
    .argument('<team>', 'team name')
    .argument('<repo...>', 'repository names (each must exist on the server)')
    .addOption(databaseOption())
    .action(async (team: string, repositories: string[], flags: DatabaseFlags, command: Command) => {
      flags = withGlobals(flags, command);
      await withTeams(flags, async (teams, idsOf) => {
        await teams.add(team, await idsOf(repositories));
        process.stdout.write(`team ${team}: added ${repositories.join(', ')}\n`);
      });
    });
  admin
    .command('team-remove')
    .description('take repositories out of a team')
    .argument('<team>', 'team name')
    .argument('<repo...>', 'repository names')
    .addOption(databaseOption())
    .action(async (team: string, repositories: string[], flags: DatabaseFlags, command: Command) => {
      flags = withGlobals(flags, command);
      await withTeams(flags, async (teams, idsOf) => {
        await teams.remove(team, await idsOf(repositories));
        process.stdout.write(`team ${team}: removed ${repositories.join(', ')}\n`);
      });
    });
  admin
    .command('teams')
    .description('list the teams and their repositories')
    .addOption(databaseOption())
    .action(async (flags: DatabaseFlags, command: Command) => {
      flags = withGlobals(flags, command);
      await withTeams(flags, async (teams, _idsOf, namesOf) => {
        const all = await teams.list();
        if (all.length === 0) process.stdout.write('no teams\n');
        for (const team of all) process.stdout.write(`${team.name}: ${(await namesOf(team.repositoryIds)).join(', ') || '(no repositories)'}\n`);
      });
    });
  admin
    .command('create-token')
    .description('create an API token for one repository; it is printed once (only its hash is kept)')
    .addOption(new Option('--role <role>', 'developer (records iterations) or agent (records AI iterations only, never reviews)').choices([...TOKEN_ROLES]).makeOptionMandatory())
    .requiredOption('--repo <name>', 'the repository the token is for')
    .option('--name <name>', 'what the token is for', 'token')
    .addOption(databaseOption())
    .action(async (flags: DatabaseFlags & { role: TokenRole; repo: string; name: string }, command: Command) => {
      flags = withGlobals(flags, command);
      await withAccounts(flags, async ({ accounts, ledgers }) => {
        const { id, token } = await accounts.createToken(flags.name, flags.role, (await ledgers.repository(flags.repo)).id);
        process.stderr.write(`created ${flags.role} token ${id} for ${flags.repo}; it is shown once:\n`);
        process.stdout.write(`${token}\n`);
      });
    });
  admin
    .command('revoke-token')
    .description('revoke an API token')
    .argument('<id>', 'the token\'s id (the number after lwt_)')
    .addOption(databaseOption())
    .action(async (id: string, flags: DatabaseFlags, command: Command) => {
      flags = withGlobals(flags, command);
      await withAccounts(flags, async ({ accounts }) => {
        if (!(await accounts.revokeToken(id))) throw new UserError(`no token ${id}, or revoked already`);
        process.stdout.write(`revoked token ${id}\n`);
      });
    });
  admin
    .command('audit')
    .description("enqueue a history job: a worker records every commit of SOURCE after --since up to --ref as an iteration of REPO's chain")
    .argument('<repo>', 'repository name')
    .requiredOption('--source <source>', 'a local path or a git URL the workers can reach')
    .requiredOption('--since <rev>', 'the last commit not to record')
    .option('--ref <rev>', "the last commit to record (default: the source's HEAD)")
    .option('--create', 'create the repository when the server has none of that name')
    .addOption(databaseOption())
    .action(async (repository: string, flags: DatabaseFlags & { source: string; since: string; ref?: string; create?: boolean }, command: Command) => {
      flags = withGlobals(flags, command);
      await enqueueJob(flags, repository, { kind: 'audit-history', source: flags.source, since: flags.since, ...(flags.ref ? { ref: flags.ref } : {}) }, flags.create === true);
    });
  admin
    .command('rescan')
    .description("enqueue a rescan: a worker re-analyses REPO's last recorded state with the rules installed now and lists what is new or gone")
    .argument('<repo>', 'repository name')
    .requiredOption('--source <source>', 'a local path or a git URL the workers can reach')
    .addOption(databaseOption())
    .action(async (repository: string, flags: DatabaseFlags & { source: string }, command: Command) => {
      flags = withGlobals(flags, command);
      await enqueueJob(flags, repository, { kind: 'rescan', source: flags.source }, false);
    });
  return server;
}

/**
 * `server --demo`: a throw-away PostgreSQL cluster unless --database is given, the generated demo seeded into
 * it. Until `serving()` is called, SIGINT or SIGTERM stop the cluster (the seed is abandoned); afterwards the
 * server's own stop does, through `stop()`.
 */
async function runDemo(flags: DatabaseFlags & { demoSize: 'full' | 'small'; seed: string }): Promise<{ databaseUrl: string; logins(url: string): string; stop(): void; stopped(): boolean; serving(): void }> {
  if (!/^\d{1,9}$/.test(flags.seed)) throw new UserError(`--seed ${flags.seed}: not a whole number`);
  const [{ startThrowawayPostgres }, { seedDemo }, { openServerDatabase }] = await Promise.all([
    import('../server/demo/throwaway-postgres.js'),
    import('../server/demo/seed-demo.js'),
    import('../server/run-server.js'),
  ]);
  const given = flags.database ?? process.env.LOOPWARDEN_DATABASE_URL;
  const cluster = given ? undefined : await startThrowawayPostgres({ who: 'loopwarden server --demo' });
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    cluster?.stop();
    process.stderr.write('loopwarden server: --demo interrupted; the throw-away database is removed\n');
    process.exit(130);
  };
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  const release = () => {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
  };
  try {
    const url = given ?? (await cluster!.database('loopwarden_demo'));
    if (cluster) process.stderr.write(`loopwarden server: a throw-away PostgreSQL in ${cluster.directory} (removed when the server stops)\n`);
    process.stderr.write(`loopwarden server: seeding the ${flags.demoSize} demo (seed ${flags.seed})…\n`);
    const ledgers = await openServerDatabase(url);
    let seeded: Awaited<ReturnType<typeof seedDemo>>;
    try {
      seeded = await seedDemo(ledgers, { size: flags.demoSize, seed: Number(flags.seed), where: url, progress: (line) => process.stderr.write(`loopwarden server: ${line}\n`) });
    } finally {
      await ledgers.close();
    }
    // Fresh statistics for the planner (as the connecting user: the server's own connections act as the append-only role).
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('ANALYZE');
    } finally {
      await client.end();
    }
    process.stderr.write(`loopwarden server: seeded ${seeded.repositories.length} repositories, ${seeded.records} records (${seeded.reviews} reviews) in ${seeded.seconds.toFixed(1)} s\n`);
    const width = Math.max(...seeded.logins.map((login) => login.name.length));
    return {
      databaseUrl: url,
      logins: (serverUrl) =>
        `loopwarden server: the dashboard is at ${serverUrl}/dashboard; demo logins (random passwords, shown once):\n` +
        seeded.logins.map((login) => `  ${login.name.padEnd(width)}  ${login.password}  ${login.role}: ${login.scope}\n`).join(''),
      stop: () => {
        release();
        cluster?.stop();
      },
      stopped: () => interrupted,
      serving: release,
    };
  } catch (error) {
    release();
    cluster?.stop();
    throw error;
  }
}

/** Enqueues a history job for `repository` and prints its id; the request is checked as the API checks it. */
async function enqueueJob(flags: DatabaseFlags, repository: string, request: unknown, create: boolean): Promise<void> {
  const [{ jobRequestSchema }, { JobQueue, JobProgressStore }] = await Promise.all([import('../worker/job-schemas.js'), import('../worker/job-queue.js')]);
  const parsed = jobRequestSchema.safeParse(request);
  if (!parsed.success) throw new UserError(parsed.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  await withAccounts(flags, async ({ ledgers }) => {
    const known = await ledgers.db.selectFrom('repositories').select('id').where('name', '=', repository).executeTakeFirst();
    if (!known && !create) throw new UserError(`no repository named ${repository} on the server (--create makes it)`);
    const queue = new JobQueue(databaseUrl(flags));
    try {
      const job = await queue.enqueue(new JobProgressStore(ledgers.db), await ledgers.repository(repository), parsed.data, 'admin (command line)');
      process.stderr.write(`queued ${job.kind} job for ${repository}; its id:\n`);
      process.stdout.write(`${job.id}\n`);
    } finally {
      await queue.stop();
    }
  });
}

/** The subcommand's flags with `--database` taken wherever on the command line it was given. */
function withGlobals<T extends DatabaseFlags>(flags: T, command: Command): T {
  return { ...flags, database: flags.database ?? (command.optsWithGlobals() as DatabaseFlags).database };
}

/** Opens the database for team commands: the team store, and repository names to ids (refusing unknown names) and back. */
async function withTeams(
  flags: DatabaseFlags,
  work: (teams: import('../server/teams.js').TeamStore, idsOf: (names: string[]) => Promise<string[]>, namesOf: (ids: string[]) => Promise<string[]>) => Promise<void>,
): Promise<void> {
  const { TeamStore } = await import('../server/teams.js');
  await withAccounts(flags, async ({ ledgers }) => {
    const rows = await ledgers.db.selectFrom('repositories').select(['id', 'name']).execute();
    const idsOf = async (names: string[]) =>
      names.map((name) => {
        const row = rows.find((candidate) => candidate.name === name);
        if (!row) throw new UserError(`no repository named ${name} on the server`);
        return String(row.id);
      });
    const namesOf = async (ids: string[]) => rows.filter((row) => ids.includes(String(row.id))).map((row) => row.name).sort();
    await work(new TeamStore(ledgers.db), idsOf, namesOf);
  });
}

async function withAccounts(
  flags: DatabaseFlags,
  work: (opened: { accounts: import('../server/accounts.js').AccountStore; ledgers: import('../ledger/postgres-ledger.js').PostgresLedgers }) => Promise<void>,
): Promise<void> {
  const [{ openServerDatabase }, { AccountStore }] = await Promise.all([import('../server/run-server.js'), import('../server/accounts.js')]);
  const ledgers = await openServerDatabase(databaseUrl(flags));
  try {
    await work({ accounts: new AccountStore(ledgers.db), ledgers });
  } finally {
    await ledgers.close();
  }
}

