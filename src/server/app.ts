import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { getCookie } from 'hono/cookie';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import { UserError } from '../errors.js';
import type { LedgerRecord } from '../ledger/record.js';
import { ChainConflict, RecordsRefused } from '../ledger/chain-keeper.js';
import type { PostgresLedgers, RepositoryLedger } from '../ledger/postgres-ledger.js';
import type { Policy } from '../policy/policy.js';
import { loopStatus } from '../iterations/status.js';
import { statusJson } from '../report/status-report.js';
import { analysisProblem, recordProblem, snapshotProblem } from './content-checks.js';
import { JobProgressStore, type JobQueue } from '../worker/job-queue.js';
import { AccountStore, type Principal } from './accounts.js';
import { INSIGHT_COLUMNS, INSIGHT_VIEWS, ScopeRefused, insightRows, insightScope, readableRepositories } from './insight-views.js';
import { TeamStore } from './teams.js';
import { ReviewRefused, recordServerReview } from './review-action.js';
import { renderInsightsCsv } from '../report/insights-csv.js';
import { allowed, recordsRefusal, type Action } from './permissions.js';
import { SESSION_COOKIE, clearSessionCookie, clientAddress, setSessionCookie } from './session-cookie.js';
import { dashboardRoutes } from './dashboard/routes.js';
import {
  chainSchema,
  continueResultSchema,
  meSchema,
  recordsAfterQuery,
  snapshotParams,
  errorSchema,
  loginSchema,
  newTokenSchema,
  newUserSchema,
  recordSchema,
  recordsSchema,
  repositoryParam,
  reviewSchema,
  sessionSchema,
  snapshotSchema,
  tokenSchema,
  verifySchema,
  jobParams,
  jobSchema,
  jobsSchema,
  newJobSchema,
  insightAnswer,
  insightQuery,
} from './api-schemas.js';

/** What the API works with: the database's ledgers and accounts, the policy, how cookies are sent, where logs go. */
export interface ServerContext {
  ledgers: PostgresLedgers;
  accounts: AccountStore;
  policy: Policy;
  /** Send cookies with `Secure` (behind HTTPS). */
  secureCookies: boolean;
  logger: Logger;
  /** Where history jobs are enqueued (the workers take them from there). */
  jobs: JobQueue;
}

const ACTION_WORDS: Record<Action, string> = { read: 'read', 'record-iteration': 'record iterations', 'record-review': 'record reviews', administer: 'administer accounts' };
/** JSON nested deeper than this is refused before anything walks it. */
const MAX_JSON_DEPTH = 64;

type Env = { Variables: { principal: Principal | undefined } };

/** An answer that ends a request: its status and its message. */
class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 429,
    message: string,
  ) {
    super(message);
  }
}

function depthOf(value: unknown): number {
  // Iterative, so a body nested thousands deep cannot exhaust the stack.
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > MAX_JSON_DEPTH) return deepest;
    if (item && typeof item === 'object') for (const child of Object.values(item)) stack.push([child, depth + 1]);
  }
  return deepest;
}

const json = { 'application/json': { schema: errorSchema } };
const errors = {
  400: { content: json, description: 'the request is malformed' },
  401: { content: json, description: 'not logged in, or an unknown, revoked or malformed token' },
  403: { content: json, description: 'the role does not allow it (nothing was written), or a cookie request without its CSRF token' },
  404: { content: json, description: 'no such repository or token' },
} as const;
const body = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const ok = <T extends z.ZodType>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

/** Builds the team server's HTTP API (`/api/v1`, `/api/health`, `/api/ready`, `/api/openapi.json`) and mounts the dashboard at `/dashboard`. */
export function buildApp(context: ServerContext): OpenAPIHono<Env> {
  const app = new OpenAPIHono<Env>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json({ error: `invalid request: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')}` }, 400);
      return undefined;
    },
  });

  app.onError((error, c) => {
    // An answer given before the body was read (who is asking, how large it is) closes the connection: the
    // rest of the body must not be read as the next request.
    if (error instanceof HttpError && error.status === 401) return c.json({ error: error.message }, 401, { connection: 'close' });
    if (error instanceof HttpError) return c.json({ error: error.message }, error.status);
    if (error instanceof HTTPException) return c.json({ error: error.message || 'bad request' }, error.status);
    // PostgreSQL's data exceptions (class 22: a NUL byte, a number out of range) are bad input, not our failure.
    if (/^22/.test(String((error as { code?: unknown }).code ?? ''))) return c.json({ error: 'a value in the request is not acceptable (out of range, or a NUL character)' }, 400);
    if (error instanceof ChainConflict) return c.json({ error: error.message }, 409);
    if (error instanceof RecordsRefused) return c.json({ error: error.message }, 403);
    if (error instanceof ScopeRefused) return c.json({ error: error.message }, 403);
    if (error instanceof ReviewRefused) return c.json({ error: error.message }, error.reason === 'forbidden' ? 403 : 409);
    if (error instanceof UserError) return c.json({ error: error.message }, 400);
    // A path with a malformed escape (%E0%A4%A) cannot name anything.
    if (error instanceof URIError) return c.json({ error: 'the path has a malformed %-escape' }, 400);
    context.logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal error' }, 500);
  });

  // Nobody reads 64 MiB before saying who they are: the login's body is small.
  app.use('/api/v1/session', bodyLimit({ maxSize: 16 * 1024, onError: (c) => c.json({ error: 'request body too large (16 KiB at most)' }, 413, { connection: 'close' }) }));
  app.use('/api/v1/*', bodyLimit({ maxSize: 64 * 1024 * 1024, onError: (c) => c.json({ error: 'request body too large (64 MiB at most)' }, 413, { connection: 'close' }) }));

  // Who is asking: an API token (Authorization: Bearer) or a session cookie; cookie writes need the CSRF header.
  app.use('/api/v1/*', async (c, next) => {
    const authorization = c.req.header('authorization');
    let principal: Principal | undefined;
    if (authorization !== undefined) {
      const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
      principal = token ? await context.accounts.principalForToken(token) : undefined;
      if (!principal) throw new HttpError(401, 'unknown, revoked or malformed API token');
    } else {
      const session = getCookie(c, SESSION_COOKIE);
      principal = session ? await context.accounts.userForSession(session) : undefined;
      const writes = !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method);
      if (principal && writes && !AccountStore.csrfMatches(principal, c.req.header('x-csrf-token'))) throw new HttpError(403, 'missing or wrong X-CSRF-Token header for a request made with a session cookie');
    }
    c.set('principal', principal);
    // Who is asking is known before any body is read or validated; only the login needs no one.
    if (!principal && c.req.path !== '/api/v1/session') throw new HttpError(401, 'log in (POST /api/v1/session) or send an API token');
    if (c.req.path.includes('\u0000') || decodeURIComponent(c.req.path).includes('\u0000')) throw new HttpError(400, 'a NUL character in the path');
    if (!['GET', 'HEAD', 'OPTIONS', 'DELETE'].includes(c.req.method)) {
      // Whatever the content type says, a body is JSON or nothing: checked here, before any validator parses it.
      const text = await c.req.raw.clone().text();
      if (text.includes('\u0000') || text.includes('\\u0000')) throw new HttpError(400, 'NUL characters are not accepted');
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        throw new HttpError(400, 'the body is not valid JSON');
      }
      if (depthOf(parsed) > MAX_JSON_DEPTH) throw new HttpError(400, `JSON nested deeper than ${MAX_JSON_DEPTH} levels`);
    }
    await next();
  });

  const who = (c: { get(key: 'principal'): Principal | undefined }): Principal => {
    const principal = c.get('principal');
    if (!principal) throw new HttpError(401, 'log in (POST /api/v1/session) or send an API token');
    return principal;
  };

  /** The repository a route names, once the principal may do `action` there; an unknown repository reads as forbidden to those who could not see it. */
  const repositoryFor = async (principal: Principal, name: string, action: Action): Promise<RepositoryLedger> => {
    const row = await context.ledgers.db.selectFrom('repositories').select('id').where('name', '=', name).executeTakeFirst();
    const id = row ? String(row.id) : undefined;
    // Those who may read every repository learn that one does not exist; others get the same answer for a
    // repository that does not exist and one they may not see, so names cannot be probed.
    if (id === undefined) throw allowed(principal, 'read', undefined) ? new HttpError(404, `no repository named ${name}`) : new HttpError(403, `${describe(principal)} may not ${ACTION_WORDS[action]} in ${name}, or it does not exist`);
    if (!allowed(principal, action, id)) throw new HttpError(403, allowed(principal, 'read', id) ? `${describe(principal)} may not ${ACTION_WORDS[action]} in ${name}` : `${describe(principal)} may not ${ACTION_WORDS[action]} in ${name}, or it does not exist`);
    return context.ledgers.repository(name);
  };

  app.openapi(createRoute({ method: 'get', path: '/api/health', responses: { 200: ok(z.object({ ok: z.literal(true) }), 'the process is up') } }), (c) => c.json({ ok: true as const }, 200));

  app.openapi(
    createRoute({ method: 'get', path: '/api/ready', responses: { 200: ok(z.object({ ok: z.literal(true) }), 'the database answers'), 503: { content: json, description: 'the database does not answer' } } }),
    async (c) => {
      try {
        await sql`SELECT 1`.execute(context.ledgers.db);
        return c.json({ ok: true as const }, 200);
      } catch {
        return c.json({ error: 'the database does not answer' }, 503);
      }
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/v1/session', request: { body: body(loginSchema) }, responses: { 200: ok(sessionSchema, 'logged in: the session cookie is set'), 401: errors[401], 429: { content: json, description: 'too many failed logins for this account: wait' } } }),
    async (c) => {
      const { name, password } = c.req.valid('json');
      const outcome = await context.accounts.login(name, password, clientAddress(c));
      if (!outcome.ok) {
        if (outcome.limited) return c.json({ error: 'too many failed logins for this account: try again in 15 minutes' }, 429, { 'retry-after': '900' });
        return c.json({ error: 'wrong name or password' }, 401);
      }
      setSessionCookie(c, outcome.session, context.secureCookies);
      return c.json({ name, role: outcome.role, csrfToken: outcome.csrfToken }, 200);
    },
  );

  app.openapi(createRoute({ method: 'delete', path: '/api/v1/session', responses: { 204: { description: 'logged out' } } }), async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session) await context.accounts.logout(session);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.openapi(createRoute({ method: 'get', path: '/api/v1/repos', responses: { 200: ok(z.object({ repositories: z.array(z.string()) }), 'the repositories this principal may read'), 401: errors[401] } }), async (c) => {
    return c.json({ repositories: (await readableRepositories(context.ledgers, who(c))).map((row) => row.name) }, 200);
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/repos/{repo}/records',
      request: { params: repositoryParam, query: recordsAfterQuery },
      responses: { 200: ok(chainSchema, 'the chain oldest first (or the records after `after`), and its head'), ...errors },
    }),
    async (c) => {
      const ledger = await repositoryFor(who(c), c.req.valid('param').repo, 'read');
      const { records, head } = await ledger.recordsAfter(c.req.valid('query').after ?? 0);
      return c.json({ records: records as unknown as z.infer<typeof recordSchema>[], head: head ?? null }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/repos/{repo}/snapshots/{id}', request: { params: snapshotParams }, responses: { 200: ok(snapshotSchema, 'the snapshot and the analyses it names'), ...errors } }),
    async (c) => {
      const { repo, id } = c.req.valid('param');
      const ledger = await repositoryFor(who(c), repo, 'read');
      const content = await ledger.getContent(id);
      if (!content) throw new HttpError(404, `no snapshot ${id.slice(0, 12)} in ${repo}`);
      return c.json({ id, ...content }, 200);
    },
  );

  app.openapi(createRoute({ method: 'get', path: '/api/v1/me', responses: { 200: ok(meSchema, 'who is asking, and the repositories they may read'), 401: errors[401] } }), async (c) => {
    const principal = who(c);
    const repositories = (await readableRepositories(context.ledgers, principal)).map((row) => row.name);
    return c.json({ kind: principal.kind, name: principal.name, role: principal.role, repositories }, 200);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/repos/{repo}/records',
      request: { params: repositoryParam, body: body(recordsSchema) },
      responses: { 200: ok(continueResultSchema, 'the records continue the chain: appended, or already held'), ...errors, 409: { content: json, description: 'the records do not continue the chain the server holds' } },
    }),
    async (c) => {
      const principal = who(c);
      const { repo } = c.req.valid('param');
      const ledger = await repositoryFor(principal, repo, 'record-iteration').catch(async (error: unknown) => {
        // A reviewer may push records too, when they are reviews (checked below); nobody else, and the answer names what was tried.
        if (error instanceof HttpError && error.status === 403) return repositoryFor(principal, repo, 'record-review').catch(() => Promise.reject(error));
        throw error;
      });
      // Every record must have the shape the core reads (a hash-valid record the status route cannot read would stop the repository for everyone).
      const { records } = c.req.valid('json');
      records.forEach((record, index) => {
        const problem = recordProblem(record);
        if (problem) throw new HttpError(400, `records[${index}] (record ${record.seq}): ${problem}; nothing recorded`);
      });

      const mayReview = allowed(principal, 'record-review', ledger.id);
      const mayRecord = allowed(principal, 'record-iteration', ledger.id);
      const result = await ledger.continueWith(
        records as unknown as LedgerRecord[],
        (fresh) => (!mayRecord && fresh.some((record) => record.kind === 'iteration') ? `${describe(principal)} may not record iterations in ${repo}` : recordsRefusal(principal, fresh, mayReview)),
        // An iteration names the state it judged: the server must hold it (sent first), or nobody can check the record later.
        async (fresh, db) => {
          const named = [...new Set(fresh.flatMap((record) => (record.kind === 'iteration' ? [record.payload.snapshotId] : [])))];
          const held = await ledger.heldSnapshots(named, db);
          const missing = fresh.find((record) => record.kind === 'iteration' && !held.has(record.payload.snapshotId));
          return missing?.kind === 'iteration' ? `record ${missing.seq} names the snapshot ${missing.payload.snapshotId.slice(0, 12)}, which the server does not hold: send it first (POST …/snapshots)` : undefined;
        },
      );
      if (result.appended > 0) context.logger.info({ repository: repo, by: describe(principal), appended: result.appended }, 'records appended');
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/v1/repos/{repo}/snapshots', request: { params: repositoryParam, body: body(snapshotSchema) }, responses: { 204: { description: 'stored (content-addressed: storing twice is storing once)' }, ...errors } }),
    async (c) => {
      const ledger = await repositoryFor(who(c), c.req.valid('param').repo, 'record-iteration');
      const { id, body: snapshot, analyses } = c.req.valid('json');
      const named = new Set<string>();
      const problem = snapshotProblem(snapshot, named);
      if (problem) throw new HttpError(400, `snapshot ${id.slice(0, 12)}: ${problem}; nothing stored`);
      analyses.forEach((entry, index) => {
        const wrong = analysisProblem(entry.analysis);
        if (wrong) throw new HttpError(400, `analyses[${index}] (${entry.digest.slice(0, 12)}): ${wrong}; nothing stored`);
      });
      // Every analysis the snapshot names must be sent with it or held already: a client reading it later must find each one.
      const sent = new Set(analyses.map((entry) => entry.digest));
      const heldAnalyses = await ledger.heldAnalyses([...named].filter((digest) => !sent.has(digest)));
      const lacking = [...named].find((digest) => !sent.has(digest) && !heldAnalyses.has(digest));
      if (lacking) throw new HttpError(400, `snapshot ${id.slice(0, 12)}: names the analysis ${lacking.slice(0, 12)}, neither sent nor held; nothing stored`);
      await ledger.putAnalyses(analyses);
      await ledger.putSnapshot(id, snapshot);
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/repos/{repo}/reviews',
      request: { params: repositoryParam, body: body(reviewSchema) },
      responses: { 201: ok(recordSchema, 'the review, recorded: an approval accepts the last iteration and ends the AI chain'), ...errors, 409: { content: json, description: 'an iteration was recorded after the one the reviewer saw' } },
    }),
    async (c) => {
      const principal = who(c);
      const ledger = await repositoryFor(principal, c.req.valid('param').repo, 'record-review');
      const { decision, note, head } = c.req.valid('json');
      const record = await recordServerReview(ledger, principal, { decision, note, head });
      context.logger.info({ repository: ledger.name, reviewer: principal.name, decision, seq: record.seq }, 'review recorded');
      return c.json(record as unknown as z.infer<typeof recordSchema>, 201);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/repos/{repo}/status', request: { params: repositoryParam }, responses: { 200: ok(z.record(z.string(), z.unknown()), 'the loop status (as `loopwarden status --format json`)'), ...errors } }),
    async (c) => {
      const ledger = await repositoryFor(who(c), c.req.valid('param').repo, 'read');
      return c.json(statusJson(loopStatus(await ledger.records(), context.policy)) as unknown as Record<string, unknown>, 200);
    },
  );

  const teams = new TeamStore(context.ledgers.db);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/v1/insights/{view}',
      request: { params: z.object({ view: z.enum(INSIGHT_VIEWS).openapi({ param: { name: 'view', in: 'path' } }) }), query: insightQuery },
      responses: {
        200: { content: { 'application/json': { schema: insightAnswer }, 'text/csv': { schema: z.string() } }, description: 'the view\'s rows over the repositories you may read, narrowed by the filters (as JSON, or CSV with format=csv)' },
        ...errors,
      },
    }),
    async (c) => {
      const { view } = c.req.valid('param');
      const { format, ...request } = c.req.valid('query');
      const scope = await insightScope(context.ledgers, teams, who(c), request);
      const rows = await insightRows(context.ledgers, teams, view, scope, request);
      if (format === 'csv') return c.body(renderInsightsCsv(rows, INSIGHT_COLUMNS[view]), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="loopwarden-${view}.csv"` });
      return c.json({ view, repositories: scope.repositoryIds.length, rows: rows as Record<string, unknown>[] }, 200);
    },
  );

  const teamParams = z.object({
    team: z.string().min(1).max(100).openapi({ param: { name: 'team', in: 'path' } }),
    repo: z.string().min(1).max(200).openapi({ param: { name: 'repo', in: 'path' }, description: 'the repository name, URL-encoded' }),
  });
  const teamsSchema = z.object({ teams: z.array(z.object({ name: z.string(), repositories: z.array(z.string()) })) }).openapi('Teams');

  app.openapi(createRoute({ method: 'get', path: '/api/v1/teams', responses: { 200: ok(teamsSchema, 'the teams with a repository you may read, listing only those'), 401: errors[401] } }), async (c) => {
    const readable = await readableRepositories(context.ledgers, who(c));
    const names = new Map(readable.map((row) => [row.id, row.name]));
    const listed = (await teams.list()).map((team) => ({ name: team.name, repositories: team.repositoryIds.flatMap((id) => names.get(id) ?? []).sort() }));
    return c.json({ teams: listed.filter((team) => team.repositories.length > 0) }, 200);
  });

  for (const method of ['put', 'delete'] as const) {
    app.openapi(
      createRoute({ method, path: '/api/v1/teams/{team}/repos/{repo}', request: { params: teamParams }, responses: { 204: { description: method === 'put' ? 'the repository is in the team (created when new)' : 'the repository is out of the team' }, ...errors } }),
      async (c) => {
        administer(c);
        const { team, repo } = c.req.valid('param');
        const row = await context.ledgers.db.selectFrom('repositories').select('id').where('name', '=', repo).executeTakeFirst();
        if (!row) throw new HttpError(404, `no repository named ${repo}`);
        await (method === 'put' ? teams.add(team, [String(row.id)]) : teams.remove(team, [String(row.id)]));
        return c.body(null, 204);
      },
    );
  }

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/repos/{repo}/verify', request: { params: repositoryParam }, responses: { 200: ok(verifySchema, 'every link and hash recomputed'), ...errors } }),
    async (c) => {
      const ledger = await repositoryFor(who(c), c.req.valid('param').repo, 'read');
      return c.json(await ledger.verify(), 200);
    },
  );

  const administer = (c: { get(key: 'principal'): Principal | undefined }) => {
    const principal = who(c);
    if (!allowed(principal, 'administer')) throw new HttpError(403, `${describe(principal)} may not administer accounts`);
  };

  app.openapi(createRoute({ method: 'post', path: '/api/v1/users', request: { body: body(newUserSchema) }, responses: { 201: { description: 'created' }, ...errors, 409: { content: json, description: 'the name is taken' } } }), async (c) => {
    administer(c);
    const { name, role, password, repositories } = c.req.valid('json');
    await context.accounts.createUser(name, role, password).catch((error: unknown) => {
      throw error instanceof UserError && /exists already/.test(error.message) ? new HttpError(409, error.message) : error;
    });
    for (const repository of repositories) await context.accounts.assignRepository(name, (await context.ledgers.repository(repository)).id);
    return c.body(null, 201);
  });

  app.openapi(createRoute({ method: 'post', path: '/api/v1/tokens', request: { body: body(newTokenSchema) }, responses: { 201: ok(tokenSchema, 'the token: shown once, only a hash is kept'), ...errors } }), async (c) => {
    administer(c);
    const { name, role, repository } = c.req.valid('json');
    const created = await context.accounts.createToken(name, role, (await context.ledgers.repository(repository)).id);
    return c.json(created, 201);
  });

  app.openapi(
    createRoute({ method: 'delete', path: '/api/v1/tokens/{id}', request: { params: z.object({ id: z.string().max(20) }) }, responses: { 204: { description: 'revoked' }, ...errors } }),
    async (c) => {
      administer(c);
      if (!(await context.accounts.revokeToken(c.req.valid('param').id))) throw new HttpError(404, 'no such token, or revoked already');
      return c.body(null, 204);
    },
  );

  // History jobs (src/worker/): their progress is read by whoever may read the repository; only an admin enqueues one.
  const jobProgress = new JobProgressStore(context.ledgers.db);

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/repos/{repo}/jobs', request: { params: repositoryParam }, responses: { 200: ok(jobsSchema, "the repository's history jobs, newest first (at most 100)"), ...errors } }),
    async (c) => {
      const ledger = await repositoryFor(who(c), c.req.valid('param').repo, 'read');
      return c.json({ jobs: (await jobProgress.list(ledger.id)) as z.infer<typeof jobSchema>[] }, 200);
    },
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/v1/repos/{repo}/jobs/{id}', request: { params: jobParams }, responses: { 200: ok(jobSchema, 'the job: its state, how far it is, its last error and its result'), ...errors } }),
    async (c) => {
      const { repo, id } = c.req.valid('param');
      const ledger = await repositoryFor(who(c), repo, 'read');
      const job = await jobProgress.get(ledger.id, id);
      if (!job) throw new HttpError(404, `no job ${id} in ${repo}`);
      return c.json(job as z.infer<typeof jobSchema>, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/v1/repos/{repo}/jobs',
      request: { params: repositoryParam, body: body(newJobSchema) },
      responses: { 201: ok(jobSchema, 'queued: a worker takes it up (GET …/jobs/{id} shows how far it is)'), ...errors },
    }),
    async (c) => {
      administer(c);
      const principal = who(c);
      const ledger = await repositoryFor(principal, c.req.valid('param').repo, 'read');
      const job = await context.jobs.enqueue(jobProgress, ledger, c.req.valid('json'), principal.name);
      context.logger.info({ repository: ledger.name, job: job.id, kind: job.kind, by: describe(principal) }, 'job queued');
      return c.json(job as z.infer<typeof jobSchema>, 201);
    },
  );

  // The dashboard: HTML pages for people, on the session cookie only (src/server/dashboard/).
  app.route('/dashboard', dashboardRoutes(context));

  app.doc31('/api/openapi.json', { openapi: '3.1.0', info: { title: 'loopwarden team server', version: '1.0.0', description: 'The shared ledger of AI coding loops: iterations, reviews, accounts.' } });
  return app;
}

function describe(principal: Principal): string {
  return principal.kind === 'token' ? `the ${principal.role} token ${principal.name}` : `${principal.name} (${principal.role})`;
}
