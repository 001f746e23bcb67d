import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { TOKEN_ROLES, USER_ROLES } from '../server/account-migrations.js';
import type { TokenRole, UserRole } from '../server/accounts.js';
import { readPassword } from './person.js';

interface DatabaseFlags {
  database?: string;
}

/** The database URL: --database, else LOOPWARDEN_DATABASE_URL. */
function databaseUrl(flags: DatabaseFlags): string {
  const url = flags.database ?? process.env.LOOPWARDEN_DATABASE_URL;
  if (!url) throw new UserError('name the database: --database postgres://USER@HOST:PORT/DB, or LOOPWARDEN_DATABASE_URL');
  return url;
}

const databaseOption = () => new Option('--database <url>', 'PostgreSQL connection URL (default: LOOPWARDEN_DATABASE_URL)');

/** Defines `loopwarden server` (start the team server) and `loopwarden server admin …`. */
export function serverCommand(): Command {
  const server = new Command('server')
    .description('run the team server: the shared ledger over HTTP, with accounts and roles (PostgreSQL)')
    .addOption(databaseOption())
    .option('--port <port>', 'port to listen on', '8787')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--secure-cookies', 'send session cookies with Secure (when served over HTTPS)')
    .action(async (flags: DatabaseFlags & { port: string; host: string; secureCookies?: boolean }) => {
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${flags.port}: not a port number`);
      const { startServer } = await import('../server/run-server.js');
      const running = await startServer({ databaseUrl: databaseUrl(flags), port, host: flags.host, secureCookies: flags.secureCookies === true });
      process.stderr.write(`loopwarden server: listening on ${running.url} (API under /api/v1, OpenAPI at /api/openapi.json)\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.stop().then(resolve);
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
  return server;
}

/** The subcommand's flags with `--database` taken wherever on the command line it was given. */
function withGlobals<T extends DatabaseFlags>(flags: T, command: Command): T {
  return { ...flags, database: flags.database ?? (command.optsWithGlobals() as DatabaseFlags).database };
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

