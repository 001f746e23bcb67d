// A guestbook: POST /comments stores a comment in memory (JSON body), GET / renders them as an HTML page.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');

const MAX_BODY = 8 * 1024;
const MAX_COMMENTS = 500;
const comments = [];

const ESCAPES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

function readJson(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(Object.assign(new Error('invalid JSON'), { status: 400 }));
      }
    });
    req.on('error', reject);
  });
}

function validComment(body) {
  if (!body || typeof body !== 'object') return null;
  const author = typeof body.author === 'string' ? body.author.trim() : '';
  const text = typeof body.text === 'string' ? body.text.trim() : '';
  if (!author || author.length > 60 || !text || text.length > 2000) return null;
  return { id: crypto.randomUUID(), author, text, at: new Date().toISOString() };
}

function renderPage() {
  const items = comments
    .map((c) => `<li><strong>${escapeHtml(c.author)}</strong> <time>${escapeHtml(c.at)}</time><p>${escapeHtml(c.text)}</p></li>`)
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Guestbook</title></head>
<body><h1>Guestbook</h1><ul>${items}</ul></body></html>`;
}

function json(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(req, res) {
  const { pathname } = new URL(req.url, 'http://localhost');
  if (req.method === 'GET' && pathname === '/') {
    const page = renderPage();
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'; style-src 'self'",
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(page);
    return;
  }
  if (req.method === 'GET' && pathname === '/comments') {
    json(res, 200, comments);
    return;
  }
  if (req.method === 'POST' && pathname === '/comments') {
    if (!String(req.headers['content-type'] || '').startsWith('application/json')) {
      json(res, 415, { error: 'expected application/json' });
      return;
    }
    const comment = validComment(await readJson(req));
    if (!comment) {
      json(res, 400, { error: 'author (1-60 chars) and text (1-2000 chars) are required' });
      return;
    }
    comments.push(comment);
    if (comments.length > MAX_COMMENTS) comments.shift();
    json(res, 201, { id: comment.id });
    return;
  }
  json(res, 404, { error: 'not found' });
}

http
  .createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) json(res, err.status || 500, { error: err.status ? err.message : 'internal error' });
    });
  })
  .listen(Number(process.env.PORT) || 8080, '127.0.0.1');
