import { Command, Option } from 'commander';
import { loopStatus } from '../iterations/status.js';
import { openProject } from './project.js';

/** Defines `loopwarden status`. */
export function statusCommand(): Command {
  return new Command('status')
    .description('show the AI chain, the iterations awaiting review and the last review')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: { format: 'text' | 'json' }) => {
      process.exitCode = await runStatus(flags);
    });
}

/** Prints the loop's status; returns the exit code. */
export async function runStatus(flags: { format: 'text' | 'json' }, cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, undefined, { needRules: false });
  const ledger = await project.openLedger();
  try {
    const status = loopStatus(ledger.records(), project.config.policy);
    if (flags.format === 'json') {
      process.stdout.write(
        `${JSON.stringify(
          {
            chain: status.chain,
            iterations: status.iterations,
            unreviewed: status.unreviewed.map((r) => ({ seq: r.seq, recordedAt: r.recordedAt, provenance: r.payload.provenance, verdict: r.payload.verdict.level, introduced: r.payload.introduced })),
            lastReview: status.lastReview ? { seq: status.lastReview.seq, recordedAt: status.lastReview.recordedAt, ...status.lastReview.payload } : null,
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    const lines = [`chain: ${status.chain.aiIterationsSinceReview} AI iteration(s) since the last review (limit ${status.chain.limit})`, `iterations recorded: ${status.iterations}`];
    lines.push(`awaiting review: ${status.unreviewed.length}`);
    for (const r of status.unreviewed) {
      const p = r.payload.provenance;
      lines.push(`  #${r.seq} ${r.recordedAt} ${[p.actor, p.tool, p.model, p.strategy].filter(Boolean).join(' ')} → ${r.payload.verdict.level}, ${r.payload.introduced.length} introduced`);
      for (const f of r.payload.introduced) lines.push(`      ${f.severity} ${f.ruleId} ${f.path}:${f.startLine}`);
    }
    const last = status.lastReview;
    lines.push(last ? `last review: #${last.seq} ${last.payload.decision} by ${last.payload.reviewer} at ${last.recordedAt}${last.payload.note ? ` — ${last.payload.note}` : ''}` : 'last review: none');
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  } finally {
    ledger.close();
  }
}
