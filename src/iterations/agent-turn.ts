import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { diffFindings } from '../diff/finding-diff.js';
import type { Snapshot } from '../diff/snapshot.js';
import { SEVERITIES, type Finding } from '../findings/finding.js';
import type { Provenance } from '../ledger/record.js';
import { chainState } from '../policy/chain.js';
import { protectedPathReason, refusedShellCommand } from '../policy/protected-paths.js';
import { allowedSignersFile } from '../workspace/allowed-signers.js';
import type { AgentSessions, PendingTurn } from '../workspace/agent-sessions.js';
import type { SnapshotBuilder } from '../workspace/snapshot-builder.js';
import { acceptedBaseline } from './baseline.js';
import { chainEvents, type CheckResult } from './check.js';
import { checkRepository, type CheckedRepository } from './check-repository.js';
import { nextSteps } from '../policy/next-steps.js';

/** A repository kept open across an agent's hook calls: analyses made for one edit serve the turn's check. */
export interface AgentRepository extends CheckedRepository {
  builder: SnapshotBuilder;
  sessions: AgentSessions;
}

/** Returns the repository-relative path (forward slashes) of `path`, or undefined when it lies outside `top`. */
export function pathInRepository(top: string, path: string, cwd = top): string | undefined {
  const absolute = isAbsolute(path) ? path : resolve(cwd, path);
  const inside = relative(top, absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join('/');
}

/**
 * Why an agent may not edit a repository path, or undefined. The path is judged as named and as it really
 * is (links followed), so a link to `.loopwarden.yml` under another name is the policy all the same.
 */
export function refusedEdit(repository: CheckedRepository, path: string): string | undefined {
  const signers = allowedSignersFile(repository.top, repository.config.policy);
  const extra = signers ? [pathInRepository(repository.top, signers)].filter((p): p is string => p !== undefined) : [];
  const real = realPathInRepository(repository.top, path);
  const what = protectedPathReason(path, extra) ?? (real === undefined ? undefined : protectedPathReason(real, extra));
  return what ? `${path} is ${what}: an agent does not change loopwarden's policy, its ledger or the hooks that run it; ask the user` : undefined;
}

/** Why an agent may not edit a path outside the repository (another agent's or the user's hook settings), or undefined. */
export function refusedEditOutside(absolutePath: string): string | undefined {
  const what = protectedPathReason(absolutePath) ?? protectedPathReason(realPath(absolutePath));
  return what ? `${absolutePath} is ${what}: an agent does not change the hooks that check it; ask the user` : undefined;
}

/**
 * The path with links resolved, also a link to a file not made yet (writing through it creates the
 * target), or a file under a folder not made yet.
 */
function realPath(absolute: string): string {
  let rest = '';
  let at = absolute;
  for (let hops = 0; hops < 64; hops++) {
    try {
      return join(realpathSync(at), rest);
    } catch {
      const link = readLinkOf(at);
      if (link !== undefined) {
        at = resolve(dirname(at), link);
        continue;
      }
      const parent = dirname(at);
      if (parent === at) return absolute;
      rest = join(basename(at), rest);
      at = parent;
    }
  }
  return absolute;
}

function readLinkOf(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? readlinkSync(path) : undefined;
  } catch {
    return undefined;
  }
}

function realPathInRepository(top: string, path: string): string | undefined {
  const real = realPath(join(top, path));
  let realTop = top;
  try {
    realTop = realpathSync(top);
  } catch {
    // the repository's own path cannot be resolved: compare as named
  }
  return real.startsWith(`${realTop}/`) ? real.slice(realTop.length + 1) : real;
}

/** Why an agent may not run a shell command, or undefined. */
export { refusedShellCommand };

/** What one edited file now holds that the accepted baseline did not. */
export interface EditFeedback {
  path: string;
  /** Findings in the file that its version in the accepted baseline does not have, most severe first. */
  introduced: Finding[];
  /** Why the file was not analysed (unsupported language, excluded, too large…), if it was not. */
  unanalysed?: string;
}

/** Analyses an edited file at once and lists what it holds that the accepted baseline's version did not. */
export async function feedbackOnEdit(repository: AgentRepository, path: string): Promise<EditFeedback> {
  const bytes = readRegularFile(join(repository.top, path));
  if (!bytes) return { path, introduced: [] };
  const now = repository.builder.fileAnalysis(path, bytes);
  if ('unanalysed' in now) return { path, introduced: [], unanalysed: now.unanalysed };
  const introduced = diffFindings(await baselineFindings(repository, path), now.analysis.findings).introduced.sort(bySeverity);
  return { path, introduced };
}

/** Whether an agent may make an edit, and why not. */
export type EditPermission = { allow: true } | { allow: false; reason: string };

/**
 * Decides whether an agent may edit `path`: never a protected path; once the AI chain has reached its limit
 * without a review, only an edit that fixes findings and introduces none (`after` is the content the edit
 * would leave; undefined when it cannot be known, e.g. an edit whose old text is not in the file).
 */
export async function permissionForEdit(repository: AgentRepository, path: string, after: Buffer | undefined): Promise<EditPermission> {
  const refused = refusedEdit(repository, path);
  if (refused) return { allow: false, reason: refused };
  const { aiIterationsSinceReview: count, limit } = chainState(chainEvents(await repository.ledger.records()), repository.config.policy);
  if (count < limit) return { allow: true };
  if (after && onlyFixes(repository, path, after)) return { allow: true };
  return {
    allow: false,
    reason: `a person must review: ${count} AI iterations since the last review (the policy allows ${limit}). Ask the user to run \`loopwarden review\` in their terminal; until then only edits that fix open findings go on.`,
  };
}

function onlyFixes(repository: AgentRepository, path: string, after: Buffer): boolean {
  const proposed = repository.builder.fileAnalysis(path, after);
  if ('unanalysed' in proposed) return false;
  const current = readRegularFile(join(repository.top, path));
  const before = current ? repository.builder.fileAnalysis(path, current) : undefined;
  const beforeFindings = before && 'analysis' in before ? before.analysis.findings : [];
  const diff = diffFindings(beforeFindings, proposed.analysis.findings);
  return diff.introduced.length === 0 && diff.fixed.length > 0;
}

/** How a closed turn answers the agent: nothing to say, fix what is open (once), or tell the user a person is needed. */
export type TurnResponse = { kind: 'quiet' } | { kind: 'fix'; result: CheckResult } | { kind: 'tell-user'; result: CheckResult };

/** A closed turn: the iteration it recorded (or the standing state), and how to answer. */
export interface ClosedTurn {
  result: CheckResult;
  pending: PendingTurn | undefined;
  response: TurnResponse;
}

/**
 * Closes an agent's turn into one iteration: everything changed since the last iteration, however many
 * files and tools it took, with the agent's provenance. Open findings send the agent back to fix them
 * once (never when `retrying`, the agent's own stop-hook loop); when only a person can help, the user is told.
 */
export async function closeTurn(repository: AgentRepository, provenance: Provenance & { tool: string; session: string }, retrying: boolean): Promise<ClosedTurn> {
  const pending = repository.sessions.pending(provenance.tool, provenance.session);
  const model = provenance.model ?? pending?.model;
  const result = await checkRepository(repository, { ...provenance, actor: 'ai', ...(model ? { model } : {}) }, undefined, repository.builder);
  repository.sessions.close(provenance.tool, provenance.session);
  const level = result.verdict.level;
  if (level === 'pass' || level === 'warn') return { result, pending, response: { kind: 'quiet' } };
  // A turn that changed nothing is not sent back: the agent may have only answered a question. After the
  // agent was sent back once (retrying), the user hears what is still open, changed or not. The session's
  // own last iteration is answered again: a server killed after recording it never gave that answer.
  const ownLast = result.record.payload.provenance.session === provenance.session && result.record.payload.provenance.tool === provenance.tool;
  if (!result.recorded && !pending?.edits.length && !retrying && !ownLast) return { result, pending, response: { kind: 'quiet' } };
  const fixable = nextSteps(result.verdict).some((step) => step.action === 'fix');
  const needsPerson = result.verdict.reasons.some((r) => (r.level === 'block' || r.level === 'review-required') && r.code !== 'finding-introduced' && r.code !== 'finding-open');
  if (fixable && !needsPerson && !retrying) return { result, pending, response: { kind: 'fix', result } };
  return { result, pending, response: { kind: 'tell-user', result } };
}

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity) || a.startLine - b.startLine;
}

/** The file's findings in the accepted baseline: the state an AI change is judged against. */
async function baselineFindings(repository: AgentRepository, path: string): Promise<Finding[]> {
  const baseline = acceptedBaseline(await repository.ledger.records(), repository.config.policy);
  if (baseline) {
    const snapshotId = baseline.ref.kind === 'empty' ? undefined : baseline.ref.snapshotId;
    const snapshot: Snapshot | undefined = snapshotId ? repository.builder.load(snapshotId) : undefined;
    return snapshot?.files.find((file) => file.path === path)?.findings ?? [];
  }
  // Before the first check the baseline is HEAD: only this file's version there is needed.
  const shown = spawnSync('git', ['cat-file', 'blob', `HEAD:${path}`], { cwd: repository.top, maxBuffer: 1 << 30 });
  if (shown.status !== 0) return [];
  const analysis = repository.builder.fileAnalysis(path, shown.stdout);
  return 'analysis' in analysis ? analysis.analysis.findings : [];
}

/** A regular file's bytes; undefined for a missing file, a directory or a symbolic link (never followed). */
function readRegularFile(path: string): Buffer | undefined {
  try {
    if (!lstatSync(path).isFile()) return undefined;
    return readFileSync(path);
  } catch {
    return undefined;
  }
}
