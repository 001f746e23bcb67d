import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { UserError } from '../../errors.js';
import { redact, type PostgresLedgers, type RepositoryLedger } from '../../ledger/postgres-ledger.js';
import { loadBuiltinRules } from '../../rules/rule-pack.js';
import { TeamStore } from '../teams.js';
import { AccountStore, type UserRole } from '../accounts.js';
import { TEAMS } from './synthetic-catalogue.js';
import { DEMO_SIZES, syntheticWorld, type DemoSize, type GeneratedRepository } from './synthetic-history.js';

/** Records appended per `continueWith` call. */
const BATCH = 1000;
/** Repositories generated and stored at once: Node and PostgreSQL get one core each on a small machine. */
const PARALLEL = 2;
/** The repository the demo's developer records in. */
const DEVELOPER_REPOSITORY_INDEX = 1;

/** An account the demo created, and its password (random, shown once). */
export interface DemoLogin {
  name: string;
  role: UserRole;
  password: string;
  /** What the account may do where, in words. */
  scope: string;
}

export interface SeedOptions {
  size: DemoSize;
  seed: number;
  /** The day the histories end on (default: today, midnight UTC); with the seed and size, it decides every record. */
  end?: Date;
  /** Progress lines (one per 10 repositories). */
  progress?: (line: string) => void;
  /** Where the database is, for the refusal's message. */
  where?: string;
}

export interface SeededDemo {
  logins: DemoLogin[];
  repositories: string[];
  records: number;
  reviews: number;
  seconds: number;
}

/** Midnight UTC of `now`'s day. */
export function todayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/**
 * Fills an empty server database with a generated demo: accounts with random passwords, four teams'
 * repositories, and each repository's chain appended through `continueWith`, the path every pushed record
 * takes (hashes and links checked again there). Refuses a database that holds any record or account.
 */
export async function seedDemo(ledgers: PostgresLedgers, options: SeedOptions): Promise<SeededDemo> {
  const started = Date.now();
  const db = ledgers.db as unknown as import('kysely').Kysely<{ ledger_records: { seq: number }; users: { id: string } }>;
  const held = await db.selectFrom('ledger_records').select('seq').limit(1).execute();
  const people = await db.selectFrom('users').select('id').limit(1).execute();
  if (held.length > 0 || people.length > 0) {
    throw new UserError(`${options.where ? redact(options.where) : 'the database'} holds ${held.length > 0 ? 'ledger records' : 'accounts'}: --demo seeds only an empty database (leave out --database for a throw-away one)`);
  }
  const size = DEMO_SIZES[options.size];
  const end = options.end ?? todayUtc();
  const world = syntheticWorld({ seed: options.seed, ...size, rules: await loadBuiltinRules(), end });
  const accounts = new AccountStore(ledgers.db);
  const ledgerOf: RepositoryLedger[] = [];
  for (const plan of world.repositories) ledgerOf.push(await ledgers.repository(plan.name));

  const logins: DemoLogin[] = [];
  const create = async (name: string, role: UserRole, scope: string, repositories: RepositoryLedger[] = []) => {
    const password = randomBytes(12).toString('base64url');
    await accounts.createUser(name, role, password);
    for (const ledger of repositories) await accounts.assignRepository(name, ledger.id);
    logins.push({ name, role, password, scope });
  };
  await create('admin', 'admin', 'everything, accounts included');
  await create('lead', 'lead', 'reads every repository');
  const teams = new TeamStore(ledgers.db);
  for (const team of TEAMS) {
    const theirs = ledgerOf.filter((_, index) => world.repositories[index]!.team === team.name);
    if (theirs.length === 0) continue;
    // The dashboard's team filter and per-team figures group by these (a team grants nothing).
    await teams.add(team.name, theirs.map((ledger) => ledger.id));
    for (const reviewer of team.reviewers) await create(reviewer, 'reviewer', `reviews the ${theirs.length} ${team.name}/* repositories`, theirs);
  }
  const developerRepository = ledgerOf[Math.min(DEVELOPER_REPOSITORY_INDEX, ledgerOf.length - 1)]!;
  await create('dev', 'developer', `records in ${developerRepository.name}`, [developerRepository]);
  // An agent token per repository, as a team would hand one to each repository's coding agent (not shown: the demo pushes nothing).
  for (const ledger of ledgerOf) await accounts.createToken('demo agent', 'agent', ledger.id);

  let records = 0;
  let reviews = 0;
  let done = 0;
  let next = 0;
  const generator = new RepositoryGenerator({ seed: options.seed, size: options.size, end: end.toISOString() });
  const worker = async () => {
    while (next < world.repositories.length) {
      const index = next++;
      const generated = await generator.generate(index);
      await store(ledgerOf[index]!, generated);
      records += generated.records.length;
      reviews += generated.records.filter((record) => record.kind === 'review').length;
      done++;
      if (done % 10 === 0 || done === world.repositories.length) {
        options.progress?.(`seeded ${done}/${world.repositories.length} repositories (${records} records, ${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: PARALLEL }, worker));
  } finally {
    await generator.stop();
  }
  return { logins, repositories: world.repositories.map((plan) => plan.name), records, reviews, seconds: (Date.now() - started) / 1000 };
}

type GeneratedContent = Omit<GeneratedRepository, 'plan'>;

/**
 * Makes the repositories on a worker thread (the same world, built there from the same options), so one is
 * generated while another is appended: on two cores, generating and appending each keep one busy.
 */
class RepositoryGenerator {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (generated: GeneratedContent) => void; reject: (error: Error) => void }>();
  private failure: Error | undefined;

  constructor(options: { seed: number; size: DemoSize; end: string }) {
    this.worker = new Worker(new URL('./generate-worker.js', import.meta.url), { workerData: options });
    this.worker.on('message', (message: GeneratedContent & { index: number }) => {
      this.waiting.get(message.index)?.resolve(message);
      this.waiting.delete(message.index);
    });
    const fail = (error: Error) => {
      this.failure = error;
      for (const { reject } of this.waiting.values()) reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the demo generator stopped (exit code ${code})`)));
  }

  generate(index: number): Promise<GeneratedContent> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.set(index, { resolve, reject });
      this.worker.postMessage(index);
    });
  }

  async stop(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

/** Stores a generated repository: its analyses and snapshots first (the records name them), then its records in batches. */
async function store(ledger: RepositoryLedger, generated: GeneratedContent): Promise<void> {
  for (let start = 0; start < generated.analyses.length; start += 2000) await ledger.putAnalyses(generated.analyses.slice(start, start + 2000));
  const snapshots = generated.snapshots;
  let at = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (at < snapshots.length) {
        const { id, body } = snapshots[at++]!;
        await ledger.putSnapshot(id, body);
      }
    }),
  );
  for (let start = 0; start < generated.records.length; start += BATCH) {
    const result = await ledger.continueWith(generated.records.slice(start, start + BATCH));
    if (result.appended !== Math.min(BATCH, generated.records.length - start)) throw new Error(`${ledger.name}: ${result.appended} records appended of a batch from ${start + 1}`);
  }
}
