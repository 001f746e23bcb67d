import { Pool } from 'pg';

// ruleid: js-hardcoded-credential
const DB_PASSWORD = 'Sup3rS3cret!';
// ok: js-hardcoded-credential
const API_KEY = process.env.API_KEY;
// ok: js-hardcoded-credential
const passwordLabel = 'Password';

export const pool = new Pool({
  user: 'app',
  // ruleid: js-hardcoded-credential
  password: 'hunter2hunter2',
});

export const safePool = new Pool({
  user: 'app',
  // ok: js-hardcoded-credential
  password: process.env.DB_PASSWORD,
});
console.log(DB_PASSWORD, API_KEY, passwordLabel);

declare function session(options: object): unknown;
declare function cookieParser(secret?: string): unknown;
declare const app: { use(handler: unknown): void };
// A session middleware signs its cookie with this key: a literal one lets anyone who read the code forge sessions.
app.use(
  session({
    // ruleid: js-hardcoded-credential
    secret: 'keyboard cat',
    resave: false,
  }),
);
// ok: js-hardcoded-credential
app.use(session({ secret: process.env.SESSION_SECRET ?? '', resave: false }));
// ruleid: js-hardcoded-credential
app.use(cookieParser('my cookie key'));
// ok: js-hardcoded-credential
app.use(cookieParser(process.env.COOKIE_SECRET));
// A secret field of something that is not a session is judged by how the value looks.
// ok: js-hardcoded-credential
const labels = { secret: 'Show secret' };
console.log(labels);
