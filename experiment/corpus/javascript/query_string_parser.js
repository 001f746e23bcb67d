// Parses query strings with nested keys (a[b][c]=1, list[]=x) into plain objects, with limits on depth, keys and length.
'use strict';

const DEFAULTS = { maxLength: 8192, maxKeys: 200, maxDepth: 5, maxArrayIndex: 100 };

function decode(part) {
  try {
    return decodeURIComponent(part.replace(/\+/g, ' '));
  } catch {
    return part;
  }
}

function splitKey(key, maxDepth) {
  const first = key.indexOf('[');
  if (first <= 0) return [key];
  const segments = [key.slice(0, first)];
  const re = /\[([^\[\]]*)\]/g;
  re.lastIndex = first;
  let m;
  while ((m = re.exec(key)) !== null) {
    if (segments.length > maxDepth) return null;
    segments.push(m[1]);
  }
  return segments;
}

function assign(target, segments, value, opts) {
  let node = target;
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i];
    if (seg === '__proto__' || seg === 'constructor' || seg === 'prototype') return false;
    const last = i === segments.length - 1;
    if (Array.isArray(node)) {
      const index = seg === '' ? node.length : Number(seg);
      if (!Number.isInteger(index) || index < 0 || index > opts.maxArrayIndex) return false;
      if (last) node[index] = value;
      else node = node[index] ??= segments[i + 1] === '' ? [] : Object.create(null);
      continue;
    }
    if (last) {
      if (Object.hasOwn(node, seg) && !Array.isArray(node[seg])) node[seg] = [node[seg], value];
      else if (Array.isArray(node[seg])) node[seg].push(value);
      else node[seg] = value;
    } else {
      const next = segments[i + 1];
      if (!Object.hasOwn(node, seg) || typeof node[seg] !== 'object') {
        node[seg] = next === '' || /^\d+$/.test(next) ? [] : Object.create(null);
      }
      node = node[seg];
    }
  }
  return true;
}

function parseQuery(input, options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const result = Object.create(null);
  if (typeof input !== 'string' || input.length === 0) return result;
  if (input.length > opts.maxLength) throw new RangeError(`query longer than ${opts.maxLength} characters`);
  const pairs = input.replace(/^\?/, '').split('&');
  if (pairs.length > opts.maxKeys) throw new RangeError(`more than ${opts.maxKeys} parameters`);
  for (const pair of pairs) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq < 0 ? pair : pair.slice(0, eq);
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const segments = splitKey(decode(rawKey), opts.maxDepth);
    if (!segments || segments[0] === '') continue;
    assign(result, segments, value, opts);
  }
  return result;
}

function stringify(obj, prefix = '') {
  const parts = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}[${Array.isArray(obj) ? '' : k}]` : k;
    if (v !== null && typeof v === 'object') parts.push(stringify(v, key));
    else parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
  }
  return parts.filter(Boolean).join('&');
}

module.exports = { parseQuery, stringify };

if (require.main === module) {
  const input = process.argv[2] ?? 'user[name]=ada&user[langs][]=js&user[langs][]=c&page=2&q=hello+world';
  const parsed = parseQuery(input);
  console.log(JSON.stringify(parsed, null, 2));
  console.log(stringify(parsed));
}
