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
