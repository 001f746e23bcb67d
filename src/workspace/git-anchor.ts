import { spawnSync } from 'node:child_process';
import { UserError } from '../errors.js';
import type { LedgerAnchor, LedgerHead } from '../ledger/anchor.js';

/** The ref that holds the ledger head: per work tree, as the ledger is (`.loopwarden/` of each work tree). */
export const ANCHOR_REF = 'refs/worktree/loopwarden/head';

/** Anchors the ledger head in the repository: a blob `seq hash` that `ANCHOR_REF` points at. */
export function gitAnchor(top: string): LedgerAnchor {
  const git = (args: string[], input?: string) => spawnSync('git', args, { cwd: top, input, encoding: 'utf8' });
  return {
    name: `the git ref ${ANCHOR_REF}`,
    read(): LedgerHead | undefined {
      const result = git(['cat-file', '-p', ANCHOR_REF]);
      if (result.status !== 0) return undefined;
      const match = /^loopwarden ledger head (\d+) ([0-9a-f]{64})\s*$/.exec(result.stdout);
      if (!match) return { seq: Number.MAX_SAFE_INTEGER, hash: 'unreadable' };
      return { seq: Number(match[1]), hash: match[2]! };
    },
    write(head: LedgerHead): void {
      const blob = git(['hash-object', '-w', '--stdin'], `loopwarden ledger head ${head.seq} ${head.hash}\n`);
      const id = blob.stdout.trim();
      if (blob.status !== 0 || !id) throw new UserError(`git: cannot store the ledger head (${blob.stderr.trim().split('\n')[0]})`);
      const update = git(['update-ref', ANCHOR_REF, id]);
      if (update.status !== 0) throw new UserError(`git: cannot update ${ANCHOR_REF} (${update.stderr.trim().split('\n')[0]})`);
    },
    clear(): void {
      git(['update-ref', '-d', ANCHOR_REF]);
    },
  };
}
