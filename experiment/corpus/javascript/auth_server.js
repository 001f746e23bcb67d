// A login service: register and log in with scrypt-hashed passwords, sessions in signed HttpOnly cookies, logout.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const { promisify } = require('node:util');

const scrypt = promisify(crypto.scrypt);
const users = new Map();
const sessions = new Map();
const SESSION_TTL_MS = 2 * 60 * 60 * 1000;
const MAX_BODY = 4096;

async function hashPassword(password, salt = crypto.randomBytes(16)) {
  const key = await scrypt(password, salt, 64, { N: 16384, r: 8, p: 1 });
  return { salt, key };
}

function readForm(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
      }
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

function parseCookies(header = '') {
  const out = new Map();
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

function currentUser(req) {
  const sid = parseCookies(req.headers.cookie).get('sid');
  const session = sid && sessions.get(sid);
  if (!session) return null;
  if (session.expires < Date.now()) {
    sessions.delete(sid);
    return null;
  }
  return session.user;
}

function reply(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text + '\n');
}

async function register(req, res) {
  const form = await readForm(req);
  const user = form.get('user') || '';
  const password = form.get('password') || '';
  if (!/^[a-z0-9_]{3,32}$/.test(user) || password.length < 12 || password.length > 256) {
    return reply(res, 400, 'user must be 3-32 of a-z0-9_, password 12-256 characters');
  }
  if (users.has(user)) return reply(res, 409, 'user exists');
  users.set(user, await hashPassword(password));
  reply(res, 201, 'registered');
}

async function login(req, res) {
  const form = await readForm(req);
  const user = form.get('user') || '';
  const password = (form.get('password') || '').slice(0, 256);
  const record = users.get(user);
  const { key } = await hashPassword(password, record ? record.salt : crypto.randomBytes(16));
  if (!record || !crypto.timingSafeEqual(key, record.key)) return reply(res, 401, 'invalid credentials');
  const sid = crypto.randomBytes(32).toString('base64url');
  sessions.set(sid, { user, expires: Date.now() + SESSION_TTL_MS });
  reply(res, 200, `welcome ${user}`, {
    'Set-Cookie': `sid=${sid}; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=${SESSION_TTL_MS / 1000}`,
  });
}

function logout(req, res) {
  const sid = parseCookies(req.headers.cookie).get('sid');
  if (sid) sessions.delete(sid);
  reply(res, 200, 'bye', { 'Set-Cookie': 'sid=; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=0' });
}

const routes = {
  'POST /register': register,
  'POST /login': login,
  'POST /logout': logout,
  'GET /me': (req, res) => {
    const user = currentUser(req);
    return user ? reply(res, 200, user) : reply(res, 401, 'not logged in');
  },
};

http
  .createServer(async (req, res) => {
    const route = routes[`${req.method} ${new URL(req.url, 'http://x').pathname}`];
    if (!route) return reply(res, 404, 'not found');
    try {
      await route(req, res);
    } catch {
      if (!res.headersSent) reply(res, 400, 'bad request');
    }
  })
  .listen(Number(process.env.PORT) || 4000, '127.0.0.1');
