// Sorts the files of a download folder into subfolders by type (images, documents, archives, ...), without overwriting.
'use strict';
const fs = require('node:fs/promises');
const path = require('node:path');

const CATEGORIES = {
  images: ['.jpg', '.jpeg', '.png', '.gif', '.webp', '.svg'],
  documents: ['.pdf', '.doc', '.docx', '.txt', '.md', '.odt', '.xlsx', '.csv'],
  archives: ['.zip', '.tar', '.gz', '.tgz', '.7z'],
  audio: ['.mp3', '.wav', '.flac', '.ogg'],
  video: ['.mp4', '.mkv', '.mov', '.webm'],
};

function categoryOf(name) {
  const ext = path.extname(name).toLowerCase();
  for (const [category, exts] of Object.entries(CATEGORIES)) {
    if (exts.includes(ext)) return category;
  }
  return 'other';
}

async function freeName(dir, name) {
  const ext = path.extname(name);
  const stem = path.basename(name, ext);
  for (let i = 0; i < 1000; i++) {
    const candidate = path.join(dir, i === 0 ? name : `${stem} (${i})${ext}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
  throw new Error(`no free name for ${name} in ${dir}`);
}

async function organize(root, { dryRun = false } = {}) {
  const base = await fs.realpath(root);
  const entries = await fs.readdir(base, { withFileTypes: true });
  const moved = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.')) continue;
    const category = categoryOf(entry.name);
    const targetDir = path.join(base, category);
    const from = path.join(base, entry.name);
    if (!dryRun) await fs.mkdir(targetDir, { recursive: true, mode: 0o755 });
    const to = dryRun ? path.join(targetDir, entry.name) : await freeName(targetDir, entry.name);
    if (!dryRun) {
      if ((await fs.realpath(targetDir)) !== targetDir) {
        throw new Error(`${category}: is a link; refusing to move files through it`);
      }
      await fs.rename(from, to);
    }
    moved.push({ from: entry.name, to: path.relative(base, to) });
  }
  return moved;
}

async function main() {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const dirs = args.filter((a) => a !== '--dry-run');
  if (dirs.length !== 1) {
    console.error('usage: node file_organizer.js [--dry-run] DIRECTORY');
    process.exit(2);
  }
  const moved = await organize(dirs[0], { dryRun });
  for (const m of moved) console.log(`${dryRun ? 'would move' : 'moved'} ${m.from} -> ${m.to}`);
  console.log(`${moved.length} file(s)`);
}

main().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
