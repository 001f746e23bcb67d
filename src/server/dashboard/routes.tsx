import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { Logger } from 'pino';
import type { PostgresLedgers } from '../../ledger/postgres-ledger.js';
import type { Policy } from '../../policy/policy.js';
import { ScopeRefused } from '../insight-views.js';
import { TeamStore } from '../teams.js';
import { allowed } from '../permissions.js';
import { ReviewRefused, recordServerReview } from '../review-action.js';
import { iterationPage } from './pages/iteration.js';
import { z } from 'zod';
import { AccountStore } from '../accounts.js';
import { loginSchema } from '../api-schemas.js';
import { SESSION_COOKIE, clearSessionCookie, clientAddress, setSessionCookie } from '../session-cookie.js';
import { loadAssets } from './assets.js';
import { parseFilters } from './filter-query.js';
import { Layout } from './layout.js';
import { LoginForm } from './pages/login.js';
import { Message } from './pages/message.js';
import type { Person } from './view.js';
import { VIEWS, landingFor, navigationFor } from './views.js';

/** What the dashboard needs of the server (a `ServerContext` is one). */
export interface DashboardContext {
  ledgers: PostgresLedgers;
  policy: Policy;
  accounts: AccountStore;
  secureCookies: boolean;
  logger: Logger;
}

type DashboardEnv = { Variables: { person: Person | undefined; form: Record<string, string> } };
type DashboardContextOf = Context<DashboardEnv>;

const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
};

const reviewForm = z.object({
  repo: z.string().min(1).max(200),
  seq: z.coerce.number().int().positive(),
  head: z.string().regex(/^[0-9a-f]{64}$/),
  decision: z.enum(['approve', 'reject']),
  note: z.string().max(2000).default(''),
});

/** A page's answer that ends a request early: its status, title and what to say. */
class PageError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429,
    readonly title: string,
    readonly lines: readonly string[],
    readonly next?: { href: string; label: string },
  ) {
    super(lines.join(' '));
  }
}

/** The dashboard's routes, to be mounted at `/dashboard`: pages for people, on the session cookie only. */
export function dashboardRoutes(context: DashboardContext): Hono<DashboardEnv> {
  const assets = loadAssets();
  const teams = new TeamStore(context.ledgers.db);
  const app = new Hono<DashboardEnv>();

  const page = async (c: DashboardContextOf, status: number, title: string, body: Child, options: { current?: string; filters?: Parameters<typeof Layout>[0]['filters'] } = {}) => {
    const person = c.get('person');
    const html = await (
      <Layout title={title} assets={assets.urls} person={person} navigation={person ? navigationFor(person) : []} current={options.current} filters={options.filters}>
        {body}
      </Layout>
    );
    return c.html(`<!DOCTYPE html>${html}`, status as 200);
  };

  app.onError(async (error, c) => {
    if (error instanceof PageError) return page(c, error.status, error.title, <Message lines={error.lines} next={error.next} />);
    if (error instanceof ScopeRefused) return page(c, 403, 'Not allowed', <Message lines={[`${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`]} next={{ href: '/dashboard', label: 'Back to the dashboard' }} />);
    if (error instanceof HTTPException && error.status === 403) {
      return page(c, 403, 'Refused', <Message lines={['This form was not sent from this site, so nothing was done.']} next={{ href: '/dashboard', label: 'Back to the dashboard' }} />);
    }
    if (error instanceof HTTPException) return page(c, error.status, 'Bad request', <Message lines={[error.message || 'The request could not be read.']} />);
    if (error instanceof URIError) return page(c, 400, 'Bad request', <Message lines={['The address has a malformed %-escape.']} />);
    // PostgreSQL's data exceptions (class 22: a NUL byte, a number out of range) are bad input, not our failure.
    if (/^22/.test(String((error as { code?: unknown }).code ?? ''))) return page(c, 400, 'Bad request', <Message lines={['A value in the request is not acceptable (out of range, or a NUL character).']} />);
    context.logger.error({ err: error, path: c.req.path }, 'dashboard request failed');
    return page(c, 500, 'Something went wrong', <Message lines={['The server could not show this page. The error was logged; try again, or tell your administrator.']} />);
  });

  app.use(
    '*',
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      referrerPolicy: 'same-origin',
      xFrameOptions: 'DENY',
      strictTransportSecurity: context.secureCookies,
    }),
  );

  // Static files first: no session needed, cached for good (the name changes with the content).
  app.get('/assets/:file', (c) => {
    const asset = assets.byName.get(c.req.param('file'));
    if (!asset) return c.text('no such file', 404, { 'cache-control': 'no-store' });
    return c.body(new Uint8Array(asset.body), 200, { 'content-type': asset.type, 'cache-control': 'public, max-age=31536000, immutable' });
  });

  app.use('*', async (c, next) => {
    await next();
    c.header('cache-control', 'no-store');
  });

  // A form POST from another site is refused by its Origin / Sec-Fetch-Site (the login form too: no login CSRF).
  app.use('*', csrf());
  app.use('*', bodyLimit({ maxSize: 16 * 1024, onError: (c) => page(c, 413, 'Too large', <Message lines={['The form sent more than 16 KiB; nothing was done.']} />) }));

  // Who is asking: the session cookie, nothing else (an Authorization header is ignored, so no API token reaches a page).
  app.use('*', async (c, next) => {
    const session = getCookie(c, SESSION_COOKIE);
    c.set('person', session ? ((await context.accounts.userForSession(session)) as Person | undefined) : undefined);
    await next();
  });

  app.get('/login', async (c) => {
    if (c.get('person')) return c.redirect('/dashboard', 303);
    return page(c, 200, 'Log in', <LoginForm />);
  });

  app.post('/login', async (c) => {
    const form = await formOf(c);
    const parsed = loginSchema.safeParse({ name: form.name ?? '', password: form.password ?? '' });
    if (!parsed.success) return page(c, 400, 'Log in', <LoginForm name={(form.name ?? '').slice(0, 100)} problem="Enter your name (at most 100 characters) and your password." />);
    const { name, password } = parsed.data;
    const outcome = await context.accounts.login(name, password, clientAddress(c));
    if (!outcome.ok) {
      if (outcome.limited) return page(c, 429, 'Log in', <LoginForm name={name} problem="Too many failed logins for this account: try again in 15 minutes." />);
      return page(c, 401, 'Log in', <LoginForm name={name} problem="Wrong name or password." />);
    }
    // A session this browser held before (another account, or the same) ends: one browser, one session.
    const earlier = getCookie(c, SESSION_COOKIE);
    if (earlier) await context.accounts.logout(earlier);
    setSessionCookie(c, outcome.session, context.secureCookies);
    context.logger.info({ user: name }, 'dashboard login');
    return c.redirect('/dashboard', 303);
  });

  // Everything below needs a person; a POST also carries the session's own CSRF token in its `csrf` field.
  app.use('*', async (c, next) => {
    const person = c.get('person');
    const reading = ['GET', 'HEAD'].includes(c.req.method);
    if (!person) {
      if (reading) return c.redirect('/dashboard/login', 303);
      throw new PageError(401, 'Not logged in', ['Log in first: this form needs a session.'], { href: '/dashboard/login', label: 'Log in' });
    }
    if (!reading) {
      const form = await formOf(c);
      if (!AccountStore.csrfMatches(person, form.csrf)) throw new PageError(403, 'Refused', ['This form is out of date or was not made by this site, so nothing was done. Reload the page and send it again.'], { href: '/dashboard', label: 'Back to the dashboard' });
    }
    await next();
  });

  app.post('/logout', async (c) => {
    const session = getCookie(c, SESSION_COOKIE);
    if (session) await context.accounts.logout(session);
    clearSessionCookie(c);
    return c.redirect('/dashboard/login', 303);
  });

  app.get('/', (c) => {
    const landing = landingFor(c.get('person')!);
    if (!landing) throw new PageError(404, 'Nothing to show', ['There is no view for your role yet.']);
    return c.redirect(`/dashboard${landing.path}`, 303);
  });

  for (const view of VIEWS) {
    app.get(view.path, async (c) => {
      const person = c.get('person')!;
      if (!view.mayView(person)) throw new PageError(403, 'Not allowed', [`Your role (${person.role}) does not show ${view.label}.`], { href: '/dashboard', label: 'Back to the dashboard' });
      const parsed = parseFilters(c.req.query());
      if (!parsed.ok) throw new PageError(400, 'Filters not understood', parsed.problems, { href: `/dashboard${view.path}`, label: `${view.label} without filters` });
      const content = await view.render({ person, filters: parsed.filters, ledgers: context.ledgers, teams, policy: context.policy });
      return page(c, 200, content.title, content.body, { current: view.path, filters: { values: parsed.filters, options: content.filterOptions } });
    });
  }

  /** The repository a page names, once the person may read it (an unknown one answers the same). */
  const readableLedger = async (person: Person, name: string | undefined) => {
    const row = name ? await context.ledgers.db.selectFrom('repositories').select('id').where('name', '=', name).executeTakeFirst() : undefined;
    if (!row || !allowed(person, 'read', String(row.id))) throw new PageError(403, 'Not allowed', [`You may not read ${name ?? 'that repository'}, or it does not exist.`], { href: '/dashboard', label: 'Back to the dashboard' });
    return context.ledgers.repository(name!);
  };

  app.get('/iteration', async (c) => {
    const person = c.get('person')!;
    const ledger = await readableLedger(person, c.req.query('repo'));
    const seq = Number(c.req.query('seq'));
    const records = await ledger.records();
    const iteration = records.find((record) => record.seq === seq);
    if (!Number.isInteger(seq) || !iteration || iteration.kind !== 'iteration') throw new PageError(404, 'Not found', [`${ledger.name} has no iteration #${c.req.query('seq') ?? ''}.`], { href: '/dashboard/repositories', label: 'Repositories' });
    const recordedSeq = Number(c.req.query('recorded'));
    // The notice is shown only for the review that judged this very iteration (the last one before it): a link
    // with another record's number must not tell a reviewer they approved what they did not.
    const lastBefore = (seq: number) => [...records].reverse().find((record) => record.seq < seq && record.kind === 'iteration')?.seq;
    const recordedRecord = records.find((record) => record.seq === recordedSeq && record.kind === 'review' && lastBefore(record.seq) === iteration.seq);
    const recorded = recordedRecord?.kind === 'review' ? { decision: recordedRecord.payload.decision, seq: recordedRecord.seq } : undefined;
    const content = iterationPage(records, iteration, ledger.name, person, allowed(person, 'record-review', ledger.id), recorded);
    return page(c, 200, content.title, content.body);
  });

  // The Approve / Reject form: the API's review action, on the session and its CSRF token only.
  app.post('/review', async (c) => {
    const person = c.get('person')!;
    const form = await formOf(c);
    const parsed = reviewForm.safeParse(form);
    if (!parsed.success) throw new PageError(400, 'Review not recorded', ['The form was incomplete: choose Approve or Reject (a note of at most 2,000 characters).']);
    const ledger = await readableLedger(person, parsed.data.repo);
    const back = `/dashboard/iteration?repo=${encodeURIComponent(ledger.name)}&seq=${parsed.data.seq}`;
    try {
      const record = await recordServerReview(ledger, person, { decision: parsed.data.decision, note: parsed.data.note, head: parsed.data.head });
      context.logger.info({ repository: ledger.name, reviewer: person.name, decision: parsed.data.decision, seq: record.seq }, 'review recorded (dashboard)');
      return c.redirect(`${back}&recorded=${record.seq}`, 303);
    } catch (error) {
      if (error instanceof ReviewRefused && error.reason === 'forbidden') throw new PageError(403, 'Not allowed', [`You may not review ${ledger.name}.`], { href: back, label: 'Back to the iteration' });
      if (error instanceof ReviewRefused) throw new PageError(409, 'Review not recorded', [`${error.message[0]!.toUpperCase()}${error.message.slice(1)}.`], { href: back, label: 'Back to the iteration' });
      throw error;
    }
  });

  app.all('*', () => {
    throw new PageError(404, 'Not found', ['There is no such page.'], { href: '/dashboard', label: 'Back to the dashboard' });
  });

  return app;
}

/** The form fields of a POST (urlencoded or multipart), text values only, read once per request. */
async function formOf(c: DashboardContextOf): Promise<Record<string, string>> {
  const cached = c.get('form');
  if (cached) return cached;
  const type = c.req.header('content-type') ?? '';
  const fields: Record<string, string> = {};
  if (/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    const body = await c.req.parseBody().catch(() => {
      throw new PageError(400, 'Bad request', ['The form could not be read.']);
    });
    for (const [key, value] of Object.entries(body)) if (typeof value === 'string') fields[key] = value;
    // The API refuses NUL in any body; a form may not store what a push of the chain would then be refused for.
    if (Object.values(fields).some((value) => value.includes('\u0000'))) throw new PageError(400, 'Bad request', ['The form holds a NUL character; nothing was done.']);
  }
  c.set('form', fields);
  return fields;
}
