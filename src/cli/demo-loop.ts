import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createColors } from 'picocolors';
import { checkRepository } from '../iterations/check-repository.js';
import { recordReview, reviewSubject } from '../iterations/review.js';
import { SnapshotBuilder } from '../workspace/snapshot-builder.js';
import type { Provenance } from '../ledger/record.js';
import { renderCheckText } from '../report/check-text.js';
import { renderReviewRecorded, renderReviewSubject } from '../report/review-text.js';
import { runInit } from './init-command.js';
import { openProject } from '../iterations/project.js';

/** The scripted AI loop the demo plays: a base project and one folder of edits per iteration. */
export const DEMO_LOOP_DIR = fileURLToPath(new URL('../../../examples/loop', import.meta.url));

type Step =
  | { dir: string; actor: Provenance['actor']; tool?: string; model?: string; strategy?: string; prompt: string }
  | { review: 'approve' | 'reject'; reviewer: string; note: string };

/**
 * Plays the loop in `directory` (a fresh temporary folder): each step runs what `loopwarden check` runs
 * and prints exactly what it prints; the review is a person's, scripted here and marked so in the ledger.
 */
export async function playDemoLoop(directory: string, color: boolean): Promise<void> {
  const c = createColors(color);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: directory, stdio: 'pipe' });
  cpSync(join(DEMO_LOOP_DIR, 'base'), directory, { recursive: true });
  git('init', '-q');
  git('config', 'user.email', 'demo@loopwarden.invalid');
  git('config', 'user.name', 'Demo Developer');
  git('add', '-A');
  git('commit', '-qm', 'human baseline');
  const print = (line = '') => process.stdout.write(`${line}\n`);
  print(c.bold("An AI coding loop, iteration by iteration (the study's four prompting strategies)"));
  print('$ git init && git commit -m "human baseline" && loopwarden init');
  await runInitQuietly(directory);
  const project = await openProject(directory);
  const ledger = await project.openLedger();
  try {
    const builder = new SnapshotBuilder(project.top, ledger, project.rules, project.config.scan);
    const steps = JSON.parse(readFileSync(join(DEMO_LOOP_DIR, 'steps.json'), 'utf8')) as Step[];
    for (const step of steps) {
      print();
      if ('review' in step) {
        print(c.bold(`${step.reviewer}, at a terminal:`));
        print(`$ loopwarden review --${step.review} --note "${step.note}"`);
        const subject = reviewSubject(await ledger.records(), project.config.policy);
        process.stdout.write(renderReviewSubject(subject));
        const record = await recordReview(ledger, { decision: step.review, reviewer: step.reviewer, note: step.note, attestation: { kind: 'demo' } }, subject.head?.hash ?? null);
        if (!('stale' in record)) process.stdout.write(c.green(renderReviewRecorded(record, subject.head!.seq)));
        continue;
      }
      cpSync(join(DEMO_LOOP_DIR, 'steps', step.dir), directory, { recursive: true });
      const provenance: Provenance = { actor: step.actor, tool: step.tool, model: step.model, strategy: step.strategy };
      print(c.bold(`"${step.prompt}" — ${[step.tool, step.model, `strategy ${step.strategy}`].filter(Boolean).join(', ')}`));
      print(`$ loopwarden check --actor ${step.actor} --tool ${step.tool} --model ${step.model} --strategy ${step.strategy}`);
      const result = await checkRepository({ top: project.top, config: project.config, rules: project.rules, ledger }, provenance, undefined, builder);
      process.stdout.write(renderCheckText(result, color));
    }
    print();
    const verification = await ledger.verify();
    print('$ loopwarden ledger verify');
    print(verification.ok ? c.green(`ledger intact: ${verification.records} records, every hash and link checks out`) : c.red(verification.problems.join('\n')));
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
