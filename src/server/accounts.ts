import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { sql, type Generated, type Kysely } from 'kysely';
import { UserError } from '../errors.js';
import type { LedgerTables } from '../ledger/postgres-ledger.js';
import type { TOKEN_ROLES, USER_ROLES } from './account-migrations.js';

export type UserRole = (typeof USER_ROLES)[number];
export type TokenRole = (typeof TOKEN_ROLES)[number];

/** Who a request acts for: a person (by session cookie) or an API token bound to one repository. */
export type Principal =
  | { kind: 'user'; id: string; name: string; role: UserRole; repositories: Set<string>; csrfToken: string }
  | { kind: 'token'; id: string; name: string; role: TokenRole; repositoryId: string; repositoryName: string };

type AccountTables = {
  users: { id: Generated<string>; name: string; role: string; password_hash: string; created_at: Generated<Date> };
  user_repositories: { user_id: string; repository_id: string };
  api_tokens: { id: Generated<string>; name: string; role: string; repository_id: string; secret_hash: string; created_at: Generated<Date>; revoked_at: Date | null };
  sessions: { id_hash: string; user_id: string; csrf_token: string; expires_at: Date };
  login_failures: { name: string; at: Generated<Date> };
};

/** Failed logins from one client address, under any names, within the window before its attempts are refused. */
const CLIENT_FAILURE_LIMIT = 30;

/** Failed logins per account name within the window before further attempts are refused. */
export const LOGIN_FAILURE_LIMIT = 5;
const LOGIN_WINDOW_MINUTES = 15;
const SESSION_HOURS = 12;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A hash to verify against when the account does not exist, so an unknown name takes as long as a known one. */
let dummyHash: Promise<string> | undefined;

/** People, their repositories, API tokens and sessions, in the server's database. */
export class AccountStore {
  private readonly db: Kysely<AccountTables & LedgerTables>;

  constructor(db: Kysely<LedgerTables>) {
    this.db = db.withTables<AccountTables>();
  }

  /** Creates an account; its password is stored as an argon2id hash. */
  async createUser(name: string, role: UserRole, password: string): Promise<void> {
    if (password.length < 12) throw new UserError('a password needs at least 12 characters');
    const existing = await this.db.selectFrom('users').select('id').where('name', '=', name).executeTakeFirst();
    if (existing) throw new UserError(`an account named ${name} exists already`);
    await this.db.insertInto('users').values({ name, role, password_hash: await argon2Hash(password) }).execute();
  }

  /** Assigns a repository (created when new) to an account: reviewers review and developers record there. */
  async assignRepository(userName: string, repositoryId: string): Promise<void> {
    const user = await this.db.selectFrom('users').select('id').where('name', '=', userName).executeTakeFirst();
    if (!user) throw new UserError(`no account named ${userName}`);
    await this.db.insertInto('user_repositories').values({ user_id: String(user.id), repository_id: repositoryId }).onConflict((c) => c.columns(['user_id', 'repository_id']).doNothing()).execute();
  }

  /**
   * Checks a login: the account's name and password, at most LOGIN_FAILURE_LIMIT failures per name in 15
   * minutes (then `limited`, whatever the password). Returns a new session's cookie value and CSRF token.
   */
  /**
   * Checks a password; `client` is the address the attempt came from. Failures are limited per account name
   * and per client, so guesses under many names from one place stop too (each costs an argon2 hash).
   */
  async login(name: string, password: string, client = 'unknown'): Promise<{ ok: true; session: string; csrfToken: string; role: UserRole } | { ok: false; limited: boolean }> {
    // Attempts on one name take turns, so concurrent guesses cannot all read the count before any is added.
    return this.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext('loopwarden-login'), hashtext(${name}))`.execute(trx);
      return new AccountStore(trx as unknown as Kysely<LedgerTables>).loginNow(name, password, client);
    });
  }

  private async failuresOf(key: string): Promise<number> {
    const failures = await this.db
      .selectFrom('login_failures')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('name', '=', key)
      .where('at', '>', sql<Date>`now() - make_interval(mins => ${LOGIN_WINDOW_MINUTES})`)
      .executeTakeFirstOrThrow();
    return Number(failures.count);
  }

  private async loginNow(name: string, password: string, client: string): Promise<{ ok: true; session: string; csrfToken: string; role: UserRole } | { ok: false; limited: boolean }> {
    // Client keys start with a character no account name may have, so the two never mix.
    const clientKey = `@client ${client}`;
    if ((await this.failuresOf(name)) >= LOGIN_FAILURE_LIMIT || (await this.failuresOf(clientKey)) >= CLIENT_FAILURE_LIMIT) return { ok: false, limited: true };
    const user = await this.db.selectFrom('users').select(['id', 'role', 'password_hash']).where('name', '=', name).executeTakeFirst();
    dummyHash ??= argon2Hash(randomBytes(16).toString('hex'));
    const valid = await argon2Verify(user?.password_hash ?? (await dummyHash), password).catch(() => false);
    if (!user || !valid) {
      await this.db.insertInto('login_failures').values([{ name }, { name: clientKey }]).execute();
      return { ok: false, limited: false };
    }
    const session = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    await this.db
      .insertInto('sessions')
      .values({ id_hash: sha256(session), user_id: String(user.id), csrf_token: csrfToken, expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000) })
      .execute();
    return { ok: true, session, csrfToken, role: user.role as UserRole };
  }

  /** Ends a session. */
  async logout(session: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', sha256(session)).execute();
  }

  /** The person a session cookie belongs to, while it has not expired. */
  async userForSession(session: string): Promise<Principal | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select(['users.id', 'users.name', 'users.role', 'sessions.csrf_token', 'sessions.expires_at'])
      .where('sessions.id_hash', '=', sha256(session))
      .executeTakeFirst();
    if (!row || row.expires_at.getTime() <= Date.now()) return undefined;
    return { kind: 'user', id: String(row.id), name: row.name, role: row.role as UserRole, repositories: await this.repositoriesOf(String(row.id)), csrfToken: row.csrf_token };
  }

  private async repositoriesOf(userId: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom('user_repositories').select('repository_id').where('user_id', '=', userId).execute();
    return new Set(rows.map((row) => String(row.repository_id)));
  }

  /** Creates an API token for one repository; returns its text, shown once (only a hash of its secret is kept). */
  async createToken(name: string, role: TokenRole, repositoryId: string): Promise<{ id: string; token: string }> {
    const secret = randomBytes(32).toString('base64url');
    const row = await this.db.insertInto('api_tokens').values({ name, role, repository_id: repositoryId, secret_hash: sha256(secret) }).returning('id').executeTakeFirstOrThrow();
    return { id: String(row.id), token: `lwt_${row.id}_${secret}` };
  }

  /** Revokes a token; returns false when there is no such token. */
  async revokeToken(id: string): Promise<boolean> {
    if (!/^\d{1,18}$/.test(id)) return false;
    const result = await this.db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The principal of an API token, unless it is unknown, malformed or revoked; the secret is compared in constant time. */
  async principalForToken(token: string): Promise<Principal | undefined> {
    const match = /^lwt_(\d{1,18})_([A-Za-z0-9_-]{43})$/.exec(token);
    if (!match) return undefined;
    const row = await this.db
      .selectFrom('api_tokens')
      .innerJoin('repositories', 'repositories.id', 'api_tokens.repository_id')
      .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.repository_id', 'api_tokens.secret_hash', 'api_tokens.revoked_at', 'repositories.name as repository'])
      .where('api_tokens.id', '=', match[1]!)
      .executeTakeFirst();
    if (!row || row.revoked_at !== null || !sameSecret(sha256(match[2]!), row.secret_hash)) return undefined;
    return { kind: 'token', id: String(row.id), name: row.name, role: row.role as TokenRole, repositoryId: String(row.repository_id), repositoryName: row.repository };
  }

  /** Whether `csrfToken` is the session's own. */
  static csrfMatches(principal: Principal, csrfToken: string | undefined): boolean {
    return principal.kind === 'user' && csrfToken !== undefined && sameSecret(principal.csrfToken, csrfToken);
  }
}
