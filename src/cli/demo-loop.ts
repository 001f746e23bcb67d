import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createColors } from 'picocolors';
import { recordIteration } from '../iterations/check.js';
import { recordReview } from '../iterations/review.js';
import { SnapshotBuilder } from '../workspace/snapshot-builder.js';
import { resolveCommit } from '../workspace/git.js';
import type { Provenance } from '../ledger/record.js';
import { runInit } from './init-command.js';
import { openProject } from './project.js';

/** The scripted AI loop the demo plays: a base project and one folder of edits per iteration. */
export const DEMO_LOOP_DIR = fileURLToPath(new URL('../../../examples/loop', import.meta.url));

type Step =
  | { dir: string; actor: Provenance['actor']; tool?: string; model?: string; strategy?: string; prompt: string }
  | { review: 'approve' | 'reject'; reviewer: string; note: string };

/** Plays the loop in `directory` (a fresh temporary folder) and prints each verdict. */
export async function playDemoLoop(directory: string): Promise<void> {
  const c = createColors(process.stdout.isTTY === true && !process.env.NO_COLOR);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, stdio: 'pipe' });
  cpSync(join(DEMO_LOOP_DIR, 'base'), directory, { recursive: true });
  git('init', '-q');
  git('config', 'user.email', 'demo@loopwarden.invalid');
  git('config', 'user.name', 'Demo Developer');
  git('add', '-A');
  git('commit', '-qm', 'human baseline');
  const print = (line = '') => process.stdout.write(`${line}\n`);
  print(c.bold('An AI coding loop, iteration by iteration (the study\'s four prompting strategies)'));
  print(`$ git init && git commit -m "human baseline" && loopwarden init`);
  await runInitQuietly(directory);
  const project = await openProject(directory);
  const ledger = await project.openLedger();
  try {
    const builder = new SnapshotBuilder(project.top, ledger, project.rules, project.config.scan);
    const steps = JSON.parse(readFileSync(join(DEMO_LOOP_DIR, 'steps.json'), 'utf8')) as Step[];
    for (const step of steps) {
      print();
      if ('review' in step) {
        const review = recordReview(ledger, { decision: step.review, reviewer: step.reviewer, note: step.note });
        print(`$ loopwarden review --${step.review} --reviewer "${step.reviewer}" --note "${step.note}"`);
        print(c.green(`  ${step.review}d iterations ${review.payload.covers.map((s) => `#${s}`).join(', ')}: the AI chain is reset`));
        continue;
      }
      cpSync(join(DEMO_LOOP_DIR, 'steps', step.dir), directory, { recursive: true });
      const provenance: Provenance = { actor: step.actor, tool: step.tool, model: step.model, strategy: step.strategy };
      print(`${c.bold(`"${step.prompt}"`)} — ${[step.tool, step.model, `strategy ${step.strategy}`].filter(Boolean).join(', ')}`);
      print(`$ loopwarden check --actor ${step.actor} --tool ${step.tool} --model ${step.model} --strategy ${step.strategy}`);
      const result = recordIteration({
        ledger,
        builder,
        policy: project.config.policy,
        provenance,
        current: await builder.worktree(),
        revision: { commit: resolveCommit(project.top, 'HEAD') ?? null, worktree: true },
        firstBaseline: resolveCommit(project.top, 'HEAD') ?? null,
      });
      const { verdict, diff } = result;
      const paint = verdict.level === 'pass' ? c.green : verdict.level === 'warn' ? c.yellow : c.red;
      print(`  ${paint(c.bold(verdict.level.toUpperCase()))}  chain ${verdict.chain.aiIterationsSinceReview}/${verdict.chain.limit}  introduced ${diff.introduced.length}, fixed ${diff.fixed.length}  risk ${diff.risk.before} → ${diff.risk.after}  complexity ${diff.complexity.before.cyclomatic} → ${diff.complexity.after.cyclomatic}`);
      for (const reason of verdict.reasons) print(`    - ${reason.message}`);
      for (const fixed of diff.fixed) print(c.green(`    + fixed ${fixed.severity} ${fixed.ruleId} at ${fixed.path}:${fixed.startLine}`));
    }
    print();
    const verification = ledger.verify();
    print('$ loopwarden ledger verify');
    print(verification.ok ? c.green(`  ledger intact: ${verification.records} records, every hash and link checks out`) : c.red(`  ${verification.problems.join('\n  ')}`));
  } finally {
    ledger.close();
  }
}

async function runInitQuietly(directory: string): Promise<void> {
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    await runInit(directory);
  } finally {
    process.stdout.write = write;
  }
}
