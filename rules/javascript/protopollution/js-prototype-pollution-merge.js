// Deep merge and path setters, written the way configuration and query-string libraries write them.

function isObject(value) {
  return value !== null && typeof value === 'object';
}

function deepMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (isObject(target[key]) && isObject(source[key])) {
      // ruleid: js-prototype-pollution-merge
      target[key] = deepMerge(target[key], source[key]);
    } else {
      // ruleid: js-prototype-pollution-merge
      target[key] = source[key];
    }
  }
  return target;
}

// The old value read into a variable first, then merged into.
function extend(target, ...sources) {
  sources.forEach((source) => {
    for (const name in source) {
      const existing = target[name];
      if (isObject(existing) && isObject(source[name])) {
        // ruleid: js-prototype-pollution-merge
        target[name] = extend(existing, source[name]);
      } else {
        // ruleid: js-prototype-pollution-merge
        target[name] = source[name];
      }
    }
  });
  return target;
}

// A dotted path from a form field or an environment variable name.
function setPath(object, path, value) {
  const parts = path.split('.');
  let current = object;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1) {
      // ruleid: js-prototype-pollution-merge
      current[part] = value;
    } else {
      // ruleid: js-prototype-pollution-merge
      if (!isObject(current[part])) current[part] = {};
      current = current[part];
    }
  }
  return object;
}

function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (isObject(target[key]) && isObject(source[key])) {
      // ok: js-prototype-pollution-merge
      target[key] = safeMerge(target[key], source[key]);
    } else {
      // ok: js-prototype-pollution-merge
      target[key] = source[key];
    }
  }
  return target;
}

function setPathChecked(object, path, value) {
  let current = object;
  const parts = path.split('.');
  for (const part of parts.slice(0, -1)) {
    if (isUnsafeKey(part)) return object;
    current = current[part] ??= {};
  }
  // ok: js-prototype-pollution-merge
  current[parts[parts.length - 1]] = value;
  return object;
}

// A merge that copies at every level writes only into objects it made itself.
function immutableMerge(target, source) {
  const merged = { ...target };
  for (const key in source) {
    // ok: js-prototype-pollution-merge
    merged[key] = isObject(merged[key]) && isObject(source[key]) ? immutableMerge(merged[key], source[key]) : source[key];
  }
  return merged;
}

// A plain copy and a counter keyed by value write into the object only, never through it.
function countWords(words) {
  const counts = {};
  for (const word of words) {
    // ok: js-prototype-pollution-merge
    counts[word] = (counts[word] || 0) + 1;
  }
  return counts;
}

function copyInto(target, source) {
  for (const key of Object.keys(source)) {
    // ok: js-prototype-pollution-merge
    target[key] = source[key];
  }
  return target;
}

function isUnsafeKey(key) {
  return key === '__proto__' || key === 'constructor' || key === 'prototype';
}

// The dangerous keys named once for the file and asked for where the key is used.
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MERGE_LIMITS = new Set(['depth', 'keys']);

function mergeReserved(target, source) {
  for (const key of Object.keys(source)) {
    if (MERGE_LIMITS.has(key)) continue;
    if (RESERVED_KEYS.has(key)) continue;
    if (isObject(target[key]) && isObject(source[key])) {
      // ok: js-prototype-pollution-merge
      target[key] = mergeReserved(target[key], source[key]);
    } else {
      // ok: js-prototype-pollution-merge
      target[key] = source[key];
    }
  }
  return target;
}

// A set that names other keys is no guard.
function mergeLimited(target, source) {
  for (const key of Object.keys(source)) {
    if (MERGE_LIMITS.has(key)) continue;
    if (isObject(target[key]) && isObject(source[key])) {
      // ruleid: js-prototype-pollution-merge
      target[key] = mergeLimited(target[key], source[key]);
    }
  }
  return target;
}

module.exports = { mergeReserved, mergeLimited, deepMerge, extend, setPath, safeMerge, setPathChecked, immutableMerge, countWords, copyInto };
