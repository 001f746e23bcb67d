// Loads layered JSON configuration (defaults, config file, environment overrides) into one validated, frozen object.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const MAX_CONFIG_BYTES = 256 * 1024;
const DEFAULTS = {
  server: { host: '127.0.0.1', port: 8080, trustProxy: false },
  log: { level: 'info', file: null },
  features: {},
};
const LEVELS = ['debug', 'info', 'warn', 'error'];
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function isPlainObject(v) {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(base, override) {
  const out = { ...base };
  for (const key of Object.keys(override)) {
    if (UNSAFE_KEYS.has(key)) continue;
    const value = override[key];
    out[key] = isPlainObject(value) && isPlainObject(base[key]) ? deepMerge(base[key], value) : value;
  }
  return out;
}

function readConfigFile(file) {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new Error(`${file}: not a file`);
  if (stat.size > MAX_CONFIG_BYTES) throw new Error(`${file}: larger than ${MAX_CONFIG_BYTES} bytes`);
  let parsed;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: invalid JSON (${err.message})`);
  }
  if (!isPlainObject(parsed)) throw new Error(`${file}: top level must be an object`);
  return parsed;
}

function envOverrides(env) {
  const out = {};
  if (env.APP_HOST) out.server = { ...out.server, host: env.APP_HOST };
  if (env.APP_PORT) out.server = { ...out.server, port: Number(env.APP_PORT) };
  if (env.APP_LOG_LEVEL) out.log = { level: env.APP_LOG_LEVEL };
  return out;
}

function validate(cfg) {
  const errors = [];
  const { port, host } = cfg.server;
  if (!Number.isInteger(port) || port < 1 || port > 65535) errors.push('server.port must be an integer 1-65535');
  if (typeof host !== 'string' || !/^[\w.:-]{1,253}$/.test(host)) errors.push('server.host must be a host name or address');
  if (typeof cfg.server.trustProxy !== 'boolean') errors.push('server.trustProxy must be true or false');
  if (!LEVELS.includes(cfg.log.level)) errors.push(`log.level must be one of ${LEVELS.join(', ')}`);
  if (cfg.log.file !== null && typeof cfg.log.file !== 'string') errors.push('log.file must be a path or null');
  for (const [name, on] of Object.entries(cfg.features)) {
    if (typeof on !== 'boolean') errors.push(`features.${name} must be true or false`);
  }
  if (errors.length) throw new Error('invalid configuration:\n  ' + errors.join('\n  '));
  return cfg;
}

function deepFreeze(obj) {
  for (const v of Object.values(obj)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(obj);
}

function loadConfig({ file, env = process.env, baseDir = process.cwd() } = {}) {
  let cfg = DEFAULTS;
  if (file) cfg = deepMerge(cfg, readConfigFile(path.resolve(baseDir, file)));
  cfg = deepMerge(cfg, envOverrides(env));
  return deepFreeze(validate(cfg));
}

module.exports = { loadConfig, deepMerge };

if (require.main === module) {
  try {
    const cfg = loadConfig({ file: process.argv[2] });
    console.log(JSON.stringify(cfg, null, 2));
  } catch (err) {
    console.error(err.message);
    process.exitCode = 1;
  }
}
