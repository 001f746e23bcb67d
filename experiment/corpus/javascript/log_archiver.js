// Compresses log files older than a number of days into an archive/ subfolder (gzip) and removes the originals.
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, readdir, rm, utimes } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { parseArgs } from 'node:util';

const DAY_MS = 24 * 60 * 60 * 1000;

async function archiveOne(dir, archiveDir, name) {
  const source = join(dir, name);
  const target = join(archiveDir, `${name}.gz`);
  const info = await lstat(source);
  await pipeline(
    createReadStream(source),
    createGzip({ level: 9 }),
    createWriteStream(target, { flags: 'wx', mode: 0o640 }),
  );
  await utimes(target, info.atime, info.mtime);
  await rm(source);
  return info.size;
}

export async function archiveLogs(directory, { days, pattern, dryRun }) {
  const dir = resolve(directory);
  const archiveDir = join(dir, 'archive');
  const cutoff = Date.now() - days * DAY_MS;
  const names = (await readdir(dir)).filter((n) => pattern.test(n)).sort();
  const done = [];
  if (!dryRun) await mkdir(archiveDir, { recursive: true, mode: 0o750 });
  for (const name of names) {
    const info = await lstat(join(dir, name));
    if (!info.isFile() || info.mtimeMs >= cutoff) continue;
    if (dryRun) {
      done.push({ name, bytes: info.size });
      continue;
    }
    try {
      done.push({ name, bytes: await archiveOne(dir, archiveDir, name) });
    } catch (err) {
      console.error(`${name}: ${err.code === 'EEXIST' ? 'already archived' : err.message}`);
    }
  }
  return done;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    days: { type: 'string', short: 'd', default: '7' },
    'dry-run': { type: 'boolean', short: 'n', default: false },
  },
});

const days = Number.parseInt(values.days, 10);
if (positionals.length !== 1 || !Number.isInteger(days) || days < 1 || days > 3650) {
  console.error('usage: node log_archiver.js [--days N] [--dry-run] LOG_DIR');
  process.exit(2);
}

const results = await archiveLogs(positionals[0], {
  days,
  pattern: /^[\w.-]+\.log(\.\d+)?$/,
  dryRun: values['dry-run'],
});
let total = 0;
for (const r of results) {
  total += r.bytes;
  console.log(`${values['dry-run'] ? 'would archive' : 'archived'} ${r.name}`);
}
console.log(`${results.length} file(s), ${total} bytes`);
