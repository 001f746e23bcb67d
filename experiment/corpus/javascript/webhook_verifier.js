// Receives signed webhooks (X-Signature: sha256=<hmac of the raw body>), rejects bad or replayed ones, and queues events.
import { createServer } from 'node:http';
import { createHmac, timingSafeEqual } from 'node:crypto';

const SECRET = process.env.WEBHOOK_SECRET;
const MAX_BODY = 256 * 1024;
const TOLERANCE_SECONDS = 300;
const seenDeliveries = new Map();
const queue = [];

if (!SECRET || SECRET.length < 32) {
  console.error('set WEBHOOK_SECRET (at least 32 characters)');
  process.exit(1);
}

export function verifySignature(secret, timestamp, rawBody, header) {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest();
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function readRaw(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.destroy();
        reject(new Error('payload too large'));
      } else {
        chunks.push(c);
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function forgetOldDeliveries(now) {
  for (const [id, at] of seenDeliveries) {
    if (now - at > TOLERANCE_SECONDS * 2) seenDeliveries.delete(id);
  }
}

async function handle(req, res) {
  if (req.method !== 'POST' || req.url !== '/webhook') {
    res.writeHead(404).end();
    return;
  }
  const raw = await readRaw(req);
  const timestamp = Number(req.headers['x-timestamp']);
  const delivery = String(req.headers['x-delivery-id'] || '');
  const now = Math.floor(Date.now() / 1000);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > TOLERANCE_SECONDS) {
    res.writeHead(400).end('stale or missing timestamp');
    return;
  }
  if (!verifySignature(SECRET, timestamp, raw, req.headers['x-signature'])) {
    res.writeHead(401).end('bad signature');
    return;
  }
  if (!/^[\w-]{8,64}$/.test(delivery) || seenDeliveries.has(delivery)) {
    res.writeHead(409).end('duplicate or missing delivery id');
    return;
  }
  seenDeliveries.set(delivery, now);
  forgetOldDeliveries(now);
  let event;
  try {
    event = JSON.parse(raw.toString('utf8'));
  } catch {
    res.writeHead(400).end('invalid JSON');
    return;
  }
  queue.push({ delivery, type: String(event.type || 'unknown'), receivedAt: now, payload: event });
  res.writeHead(202, { 'Content-Type': 'application/json' }).end(JSON.stringify({ queued: queue.length }));
}

createServer((req, res) => {
  handle(req, res).catch((err) => {
    if (!res.headersSent) res.writeHead(413).end(err.message);
  });
}).listen(Number(process.env.PORT) || 9000, '127.0.0.1', () => console.log('waiting for webhooks'));
