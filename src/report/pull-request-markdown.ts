import { seenByLabel, type Finding } from '../findings/finding.js';
import type { PullRequestReplay } from '../iterations/pull-request.js';
import { nextSteps } from '../policy/next-steps.js';
import { verdictLabel } from './check-text.js';
import { actorAndTool } from './commit-line.js';

const ICON = { pass: '✅', warn: '⚠️', 'review-required': '👀', block: '⛔' } as const;

/** Where findings link to: a GitHub server and repository (`GITHUB_SERVER_URL`, `GITHUB_REPOSITORY`). */
export interface SourceLinks {
  server: string;
  repository: string;
}

/**
 * Renders a replayed pull request as a PR comment: the verdict and its reasons, the findings open at
 * the head and those fixed since the base (linked to their lines when `links` is given, `path:line`
 * otherwise), functions that got more complex, and the AI commits no person has reviewed.
 */
export function renderPullRequestMarkdown(replay: PullRequestReplay, links?: SourceLinks): string {
  const { verdict, commits, sinceBase } = replay;
  const ai = commits.filter((c) => c.provenance.actor === 'ai');
  const out = ['## loopwarden', ''];
  out.push(`**${ICON[verdict.level]} ${verdictLabel(verdict.level)}** — ${commits.length} commit${commits.length === 1 ? '' : 's'} (${ai.length} AI) since \`${replay.base.slice(0, 12)}\`, AI chain ${verdict.chain.aiIterationsSinceReview}/${verdict.chain.limit}`, '');
  for (const reason of verdict.reasons) out.push(`- ${ICON[reason.level]} ${escape(reason.message)}`);
  if (replay.configChanged.length) out.push(`- ⚠️ this pull request changes ${replay.configChanged.map((p) => `\`${p}\``).join(', ')}: it was judged by the changed policy; review that change`);
  if (verdict.reasons.length || replay.configChanged.length) out.push('');
  if (verdict.level === 'block' || verdict.level === 'review-required') out.push('**Next:**', '', ...nextSteps(verdict).map((step) => `- ${escape(step.text)}`), '');
  const seqToCommit = new Map(commits.flatMap((c) => (c.result?.recorded ? [[c.result.record.seq, c.commit] as const] : [])));
  out.push(`### Open findings (${replay.open.length})`, '');
  if (replay.open.length) {
    out.push('| severity | rule | CWE | where | introduced by | fix |', '|---|---|---|---|---|---|');
    for (const f of replay.open) out.push(`| ${f.severity} | \`${f.ruleId}\`${seenByLabel(f)} | ${f.cwe.join(', ')} | ${where(f, replay.head, links)} | ${commitRef(seqToCommit.get(f.since), links)} | ${escape(f.fix)} |`);
  } else out.push('None.');
  out.push('');
  if (sinceBase.fixed.length) {
    out.push(`### Fixed since the base (${sinceBase.fixed.length})`, '', '| severity | rule | CWE | where (in the base) |', '|---|---|---|---|');
    for (const f of sinceBase.fixed) out.push(`| ${f.severity} | \`${f.ruleId}\` | ${f.cwe.join(', ')} | ${where(f, replay.base, links)} |`);
    out.push('');
  }
  const { before, after, cyclomaticChangePercent } = sinceBase.complexity;
  out.push('### Complexity', '', `Total cyclomatic complexity ${before.cyclomatic} → ${after.cyclomatic} (${cyclomaticChangePercent >= 0 ? '+' : ''}${Math.round(cyclomaticChangePercent)}%).`, '');
  const risen = sinceBase.functions.filter((f) => f.delta.cyclomatic > 0 || f.delta.cognitive > 0);
  if (risen.length) {
    out.push('| function | cyclomatic | cognitive |', '|---|---|---|');
    for (const f of risen) out.push(`| \`${f.path}\` ${escape(f.name)} (${f.status}) | ${f.before?.cyclomatic ?? 0} → ${f.after?.cyclomatic ?? 0} | ${f.before?.cognitive ?? 0} → ${f.after?.cognitive ?? 0} |`);
    out.push('');
  }
  out.push(`### Unreviewed AI iterations (${ai.length})`, '');
  if (ai.length) {
    out.push('| commit | by | verdict | introduced | subject |', '|---|---|---|---|---|');
    for (const c of ai) {
      const introduced = c.result?.recorded ? c.result.diff.introduced.length : 0;
      out.push(`| ${commitRef(c.commit, links)} | ${escape([actorAndTool(c.provenance), c.provenance.model].filter(Boolean).join(' '))} | ${c.result ? verdictLabel(c.result.verdict.level) : 'skipped'} | ${introduced} | ${escape(c.subject)} |`);
    }
  } else out.push('None: no commit names an AI assistant (trailers or git-ai notes).');
  return `${out.join('\n')}\n`;
}

function where(f: Finding, commit: string, links: SourceLinks | undefined): string {
  if (!links) return `\`${f.path}:${f.startLine}\``;
  const path = f.path.split('/').map(encodeURIComponent).join('/');
  return `[\`${escape(f.path)}:${f.startLine}\`](${links.server}/${links.repository}/blob/${commit}/${path}#L${f.startLine})`;
}

function commitRef(commit: string | undefined, links: SourceLinks | undefined): string {
  if (!commit) return '';
  return links ? `[\`${commit.slice(0, 12)}\`](${links.server}/${links.repository}/commit/${commit})` : `\`${commit.slice(0, 12)}\``;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
