import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { recordReview, reviewSigningText, reviewSubject } from '../iterations/review.js';
import type { LedgerRecord, ReviewPayload } from '../ledger/record.js';
import { renderReviewRecorded, renderReviewSubject, reviewJson } from '../report/review-text.js';
import { allowedSignersFile } from '../workspace/allowed-signers.js';
import { REVIEW_NAMESPACE, signText, verifySignedText } from '../workspace/ssh-signature.js';
import { atTerminal, confirm, readPassword, requirePerson } from './person.js';
import { openProject, type Project } from '../iterations/project.js';
import { detectAgent } from '../policy/agent-environment.js';

interface ReviewFlags {
  approve?: boolean;
  reject?: boolean;
  reviewer?: string;
  note?: string;
  yes?: boolean;
  sign?: string | boolean;
  format: 'text' | 'json';
}

/** Defines `loopwarden review`. */
export function reviewCommand(): Command {
  return new Command('review')
    .description('a person approves or rejects the iterations since the last review (at a terminal, or signed with an SSH key)')
    .option('--approve', 'approve: the current state becomes the accepted baseline and the AI chain is reset')
    .option('--reject', 'reject: recorded; the chain and the open findings stay until the code changes')
    .option('--reviewer <name>', 'who reviews, at a terminal (default: git user.name); a signed review is by its key\'s principal')
    .option('--note <text>', 'what the reviewer says', '')
    .option('-y, --yes', 'do not ask for confirmation (at a terminal only)')
    .option('--sign [key]', 'sign the review with an SSH key (default: git user.signingkey, else ~/.ssh/id_ed25519), verified against the allowed signers')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: ReviewFlags) => {
      process.exitCode = await runReview(flags);
    });
}

/** Records a review a person makes; returns the exit code (0 recorded or nothing to do, 1 declined). */
export async function runReview(flags: ReviewFlags, cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (Boolean(flags.approve) === Boolean(flags.reject)) throw new UserError('review: give exactly one of --approve or --reject');
  const decision = flags.approve ? 'approve' : 'reject';
  const note = flags.note ?? '';
  checkPrintable('--note', note, 2000);
  const terminal = atTerminal();
  const project = await openProject(cwd, undefined, { needRules: false });
  // With a team server, the server knows the reviewer by their account's password and attests the review.
  if (project.config.ledger) return runServerReview(flags, { decision, note }, project, env);
  // Without a signature, a person is known only by sitting at a terminal outside an agent's shell.
  if (!flags.sign) requirePerson('review', env, ', or signs the review with --sign');
  const ledger = await project.openLedger();
  try {
    const history = await ledger.records();
    const subject = reviewSubject(history, project.config.policy);
    if (!subject.head) throw new UserError('review: nothing to review yet (no iteration recorded; run loopwarden check first)');
    const last = history[history.length - 1]!;
    if (last.kind === 'review' && last.payload.decision === decision) {
      process.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify(reviewJson(last, subject.head.seq, false), null, 2)}\n`
          : `nothing to record: review #${last.seq} already ${decision === 'approve' ? 'approved' : 'rejected'} this state (iteration #${subject.head.seq})\n`,
      );
      return 0;
    }
    let reviewer: string;
    let attestation: NonNullable<ReviewPayload['attestation']>;
    if (flags.sign) {
      const signers = allowedSignersFile(project.top, project.config.policy);
      if (!signers || !existsSync(signers)) throw new UserError(`review --sign: no allowed-signers file${signers ? ` at ${signers}` : ''}; set policy.review.allowedSigners or git config gpg.ssh.allowedSignersFile`);
      const accepted = subject.acceptedGuards?.['allowed-signers']?.digest;
      const current = createHash('sha256').update(readFileSync(signers)).digest('hex');
      if (accepted !== current) throw new UserError(`review refused: the allowed-signers file ${signers} is not the one in force at the accepted baseline; a person approves once at a terminal to accept it`);
      const text = reviewSigningText({ decision, note }, subject);
      const signature = signText(text, signingKey(project.top, flags.sign));
      const outcome = verifySignedText(text, signature, signers);
      if ('problem' in outcome) throw new UserError(`review refused: ${outcome.problem}`);
      reviewer = outcome.principal;
      attestation = { kind: 'ssh-signature', principal: outcome.principal, namespace: REVIEW_NAMESPACE, signature, signedText: text };
    } else {
      reviewer = flags.reviewer ?? (spawnSync('git', ['config', 'user.name'], { cwd: project.top, encoding: 'utf8' }).stdout.trim() || userInfo().username);
      checkPrintable('--reviewer', reviewer, 200);
      attestation = { kind: 'terminal' };
    }
    // With JSON on standard output, the person still sees what is reviewed: on standard error.
    const talk = flags.format === 'json' ? process.stderr : process.stdout;
    talk.write(renderReviewSubject(subject));
    if (terminal && !flags.yes && !(await confirm(`${decision} as ${reviewer}? [y/N] `, talk))) {
      talk.write('not recorded\n');
      return 1;
    }
    const record = await recordReview(ledger, { decision, reviewer, note, attestation }, subject.head.hash);
    if ('stale' in record) throw new UserError('review: a check was recorded while you reviewed; nothing recorded. Run loopwarden review again to see the new state');
    if (flags.format === 'json') process.stdout.write(`${JSON.stringify(reviewJson(record, subject.head.seq, true), null, 2)}\n`);
    else process.stdout.write(renderReviewRecorded(record, subject.head.seq));
    return 0;
  } finally {
    ledger.close();
  }
}

/**
 * A review recorded by the team server: the reviewer logs in with their account there (the password asked
 * at the terminal, or read from standard input), and the server checks the role and attests the review.
 */
async function runServerReview(flags: ReviewFlags, review: { decision: 'approve' | 'reject'; note: string }, project: Project, env: NodeJS.ProcessEnv): Promise<number> {
  if (flags.sign) throw new UserError('review --sign: with a team server (ledger.url in the config), the server attests reviews: log in as the reviewer instead');
  const agent = detectAgent(env);
  if (agent) throw new UserError(`review refused: the environment shows ${agent.agent} (${agent.variable}); an agent cannot review its own work. A reviewer does it with their account on the team server`);
  const reviewer = flags.reviewer ?? (spawnSync('git', ['config', 'user.name'], { cwd: project.top, encoding: 'utf8' }).stdout.trim() || userInfo().username);
  checkPrintable('--reviewer', reviewer, 200);
  // The reviewer reads the chain, and records the review, as themselves: no API token is needed.
  const ledger = await project.openLedger({ name: reviewer, password: await readPassword(`password of ${reviewer} on ${project.config.ledger!.url}: `) });
  const server = ledger.serverReviews!;
  try {
    const history = await ledger.records();
    const subject = reviewSubject(history, project.config.policy);
    if (!subject.head) throw new UserError('review: nothing to review yet (no iteration recorded; run loopwarden check first)');
    const talk = flags.format === 'json' ? process.stderr : process.stdout;
    talk.write(renderReviewSubject(subject));
    if (atTerminal() && !flags.yes && !(await confirm(`${review.decision} as ${reviewer} on ${server.where}? [y/N] `, talk))) {
      talk.write('not recorded\n');
      return 1;
    }
    const outcome = await server.recordReview(review, subject.head.hash);
    if (outcome === 'stale') throw new UserError('review: a check was recorded while you reviewed; nothing recorded. Run loopwarden review again to see the new state');
    if (outcome === 'nothing') {
      // Another reviewer reviewed this state first: their review stands.
      const last = [...(await ledger.records())].reverse().find((record): record is LedgerRecord & { kind: 'review' } => record.kind === 'review')!;
      process.stdout.write(
        flags.format === 'json'
          ? `${JSON.stringify(reviewJson(last, subject.head.seq, false), null, 2)}\n`
          : `nothing to record: review #${last.seq} by ${last.payload.reviewer} already ${last.payload.decision === 'approve' ? 'approved' : 'rejected'} this state (iteration #${subject.head.seq})\n`,
      );
      return 0;
    }
    const record = outcome as LedgerRecord & { kind: 'review' };
    if (flags.format === 'json') process.stdout.write(`${JSON.stringify(reviewJson(record, subject.head.seq, true), null, 2)}\n`);
    else process.stdout.write(renderReviewRecorded(record, subject.head.seq));
    return 0;
  } finally {
    await server.logout();
    ledger.close();
  }
}

/** Names and notes reach terminals and reports later: no control characters (ANSI escapes, newlines). */
function checkPrintable(flag: string, value: string, max: number): void {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) throw new UserError(`${flag}: control characters (newlines, escape sequences) are not allowed`);
  if (value.length > max) throw new UserError(`${flag}: at most ${max} characters`);
}

function signingKey(top: string, flag: string | boolean): string {
  if (typeof flag === 'string') return flag;
  const configured = spawnSync('git', ['config', '--get', 'user.signingkey'], { cwd: top, encoding: 'utf8' }).stdout?.trim();
  if (configured && !configured.startsWith('key::')) return configured.startsWith('~/') ? join(homedir(), configured.slice(2)) : configured;
  return join(homedir(), '.ssh', 'id_ed25519');
}
