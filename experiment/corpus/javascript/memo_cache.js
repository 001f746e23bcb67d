// An LRU cache with TTL and a size budget, used to memoise an expensive async lookup (with in-flight de-duplication).
'use strict';
const crypto = require('node:crypto');

class LruCache {
  constructor({ maxEntries = 1000, maxBytes = 16 * 1024 * 1024, ttlMs = 60_000 } = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.ttlMs = ttlMs;
    this.map = new Map();
    this.bytes = 0;
    this.hits = 0;
    this.misses = 0;
  }

  static sizeOf(value) {
    return Buffer.byteLength(typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  }

  get(key) {
    const entry = this.map.get(key);
    if (!entry) {
      this.misses++;
      return undefined;
    }
    if (entry.expires <= Date.now()) {
      this.delete(key);
      this.misses++;
      return undefined;
    }
    this.map.delete(key);
    this.map.set(key, entry);
    this.hits++;
    return entry.value;
  }

  set(key, value, ttlMs = this.ttlMs) {
    const size = LruCache.sizeOf(value);
    if (size > this.maxBytes / 8) return false;
    this.delete(key);
    this.map.set(key, { value, size, expires: Date.now() + ttlMs });
    this.bytes += size;
    for (const [oldKey] of this.map) {
      if (this.map.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.delete(oldKey);
    }
    return true;
  }

  delete(key) {
    const entry = this.map.get(key);
    if (!entry) return false;
    this.bytes -= entry.size;
    return this.map.delete(key);
  }

  stats() {
    return { entries: this.map.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}

function cacheKey(namespace, args) {
  return namespace + ':' + crypto.createHash('sha256').update(JSON.stringify(args)).digest('hex');
}

function memoize(fn, { namespace = fn.name || 'fn', cache = new LruCache() } = {}) {
  const inflight = new Map();
  const wrapped = async (...args) => {
    const key = cacheKey(namespace, args);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    if (inflight.has(key)) return inflight.get(key);
    const promise = (async () => {
      try {
        const value = await fn(...args);
        cache.set(key, value);
        return value;
      } finally {
        inflight.delete(key);
      }
    })();
    inflight.set(key, promise);
    return promise;
  };
  wrapped.cache = cache;
  return wrapped;
}

module.exports = { LruCache, memoize };

if (require.main === module) {
  let calls = 0;
  const slowLookup = async (userId) => {
    calls++;
    await new Promise((r) => setTimeout(r, 50));
    return { userId, plan: userId % 2 ? 'pro' : 'free' };
  };
  const lookup = memoize(slowLookup, { cache: new LruCache({ maxEntries: 2, ttlMs: 1000 }) });
  (async () => {
    await Promise.all([lookup(1), lookup(1), lookup(2)]);
    await lookup(3);
    await lookup(1);
    console.log('calls:', calls, 'stats:', lookup.cache.stats());
  })();
}
