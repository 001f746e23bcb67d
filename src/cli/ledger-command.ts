import { Command, Option } from 'commander';
import { writeFileAtomically } from '../io/atomic-write.js';
import type { LedgerRecord } from '../ledger/record.js';
import { signedReviewProblems } from '../iterations/review.js';
import { allowedSignersFile } from '../workspace/allowed-signers.js';
import { verifySignedText } from '../workspace/ssh-signature.js';
import { renderLedgerExportJson } from '../report/ledger-export-json.js';
import { confirm, requirePerson } from './person.js';
import { openProject } from '../iterations/project.js';
import { LedgerServerClient } from '../ledger/server-client.js';
import { UserError } from '../errors.js';
import { QUIET_HELP, withProgress } from './progress.js';

interface PushFlags {
  server?: string;
  repo?: string;
  tokenEnv?: string;
  quiet?: boolean;
}

/** Defines `loopwarden ledger verify|export`. */
export function ledgerCommand(): Command {
  const ledger = new Command('ledger').description('verify or export the tamper-evident record of iterations and reviews');
  ledger
    .command('verify')
    .description('check every record against its hash and its predecessor; name any edited, deleted or reordered record')
    .action(async () => {
      process.exitCode = await runVerify();
    });
  ledger
    .command('export')
    .description('export every record')
    .addOption(new Option('-f, --format <format>', 'export format').choices(['json', 'csv']).default('json'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (flags: { format: 'json' | 'csv'; output?: string }) => {
      process.exitCode = await runExport(flags);
    });
  ledger
    .command('push')
    .description('upload this ledger to the team server, record by record: the server refuses a rewritten history and says when this ledger lacks records it holds')
    .option('--server <url>', 'the team server (default: the config\'s ledger.url, else LOOPWARDEN_SERVER)')
    .option('--repo <name>', 'the repository\'s name on the server (default: the config\'s ledger.repository)')
    .option('--token-env <name>', 'the environment variable holding the API token (default: the config\'s ledger.tokenEnv, else LOOPWARDEN_TOKEN)')
    .option('--quiet', QUIET_HELP)
    .action(async (flags: PushFlags) => {
      process.exitCode = await runPush(flags);
    });
  ledger
    .command('reanchor')
    .description('a person makes the head file and the git anchor witness the ledger as it is now (after a crash, or a restore they chose)')
    .option('-y, --yes', 'do not ask for confirmation (at a terminal only)')
    .action(async (flags: { yes?: boolean }) => {
      process.exitCode = await runReanchor(flags);
    });
  return ledger;
}

/** Pushes the ledger to the team server; 0 when the server holds exactly this chain, 1 when it holds more. */
export async function runPush(flags: PushFlags, cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, undefined, { needRules: false });
  const configured = project.config.ledger;
  const server = flags.server ?? configured?.url ?? process.env.LOOPWARDEN_SERVER;
  if (!server) throw new UserError('name the team server: --server https://HOST, ledger.url in the config, or LOOPWARDEN_SERVER');
  const repository = flags.repo ?? configured?.repository;
  if (!repository) throw new UserError("name the repository on the server: --repo NAME, or ledger.repository in the config");
  const tokenEnv = flags.tokenEnv ?? configured?.tokenEnv ?? 'LOOPWARDEN_TOKEN';
  const token = process.env[tokenEnv];
  if (!token) throw new UserError(`${tokenEnv} is not set: it holds the API token (loopwarden server admin create-token)`);
  // What is pushed is the ledger on this machine as it is, whatever the config says about a server.
  const ledger = await project.openLocalLedger();
  try {
    const verified = await ledger.verify();
    if (!verified.ok) throw new UserError(`the local ledger does not verify (${verified.problems[0]}); nothing pushed: loopwarden ledger verify lists every problem`);
    const client = new LedgerServerClient(server, repository, token);
    const pushed = await withProgress({ label: 'ledger push', unit: 'snapshots and records', quiet: flags.quiet }, (onProgress) => client.push(ledger, onProgress));
    const lines = [`pushed ${verified.records} records to ${client.where}: ${pushed.appended} appended, ${pushed.alreadyHeld} already held (${pushed.snapshots} snapshots)`];
    if (pushed.serverAhead > 0) {
      lines.push(`the server holds ${pushed.serverAhead} record${pushed.serverAhead === 1 ? '' : 's'} after the last one here: reviews recorded on the server, or this ledger was truncated or rolled back`);
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return pushed.serverAhead > 0 ? 1 : 0;
  } finally {
    ledger.close();
  }
}

/** Re-witnesses the ledger head; only a person at a terminal may. */
export async function runReanchor(flags: { yes?: boolean }, cwd = process.cwd()): Promise<number> {
  requirePerson('ledger reanchor', process.env);
  const project = await openProject(cwd, undefined, { needRules: false });
  const ledger = await project.openLedger();
  try {
    const verified = await ledger.verify();
    process.stdout.write(verified.ok ? 'the ledger and its witnesses agree\n' : `${verified.problems.map((p) => `  ${p}`).join('\n')}\n`);
    if (verified.ok) return 0;
    if (!flags.yes && !(await confirm('witness the ledger as it is now? [y/N] ', process.stdout))) {
      process.stdout.write('nothing changed\n');
      return 1;
    }
    const { head, before } = await ledger.reanchor();
    process.stdout.write(`the head file and the git anchor now witness ${head ? `record ${head.seq} (${head.hash.slice(0, 12)})` : 'an empty ledger'}${before ? `; they said record ${before.seq}` : ''}\n`);
    return 0;
  } finally {
    ledger.close();
  }
}

/** Verifies the ledger; exit 0 when intact, 1 when a record was tampered with. */
export async function runVerify(cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, undefined, { needRules: false });
  const ledger = await project.openLedger();
  try {
    const verified = await ledger.verify();
    const signers = allowedSignersFile(project.top, project.config.policy);
    const signatureProblems = signedReviewProblems(await ledger.records(), (text, signature) =>
      signers ? verifySignedText(text, signature, signers) : { problem: 'no allowed-signers file to check its signature against' },
    );
    const result = { ...verified, ok: verified.ok && signatureProblems.length === 0, problems: [...verified.problems, ...signatureProblems] };
    if (result.ok) process.stdout.write(`ledger intact: ${result.records} records, every hash and link checks out\n`);
    else process.stdout.write(`ledger TAMPERED: ${result.problems.length} problem(s) in ${result.records} records\n${result.problems.map((p) => `  ${p}`).join('\n')}\n`);
    return result.ok ? 0 : 1;
  } finally {
    ledger.close();
  }
}

const CSV_COLUMNS = ['seq', 'kind', 'recorded_at', 'actor', 'tool', 'model', 'strategy', 'author', 'commit', 'verdict', 'introduced', 'fixed', 'risk_after', 'complexity_after', 'decision', 'reviewer', 'note', 'hash', 'prev_hash'];

function csvRow(record: LedgerRecord): string[] {
  const base = [String(record.seq), record.kind, record.recordedAt];
  if (record.kind === 'iteration') {
    const p = record.payload;
    return [...base, p.provenance.actor, p.provenance.tool ?? '', p.provenance.model ?? '', p.provenance.strategy ?? '', p.provenance.author ?? '', p.revision.commit ?? '', p.verdict.level, String(p.introduced.length), String(p.fixed.length), String(p.risk.after), String(p.complexity.after), '', '', '', record.hash, record.prevHash];
  }
  const p = record.payload;
  return [...base, '', '', '', '', '', '', '', '', '', '', '', p.decision, p.reviewer, p.note, record.hash, record.prevHash];
}

function csvCell(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Exports the ledger as JSON (every record in full, with schemaVersion and tool) or CSV (one line per record). */
export async function runExport(flags: { format: 'json' | 'csv'; output?: string }, cwd = process.cwd()): Promise<number> {
  const project = await openProject(cwd, undefined, { needRules: false });
  const ledger = await project.openLedger();
  try {
    const records = await ledger.records();
    const text =
      flags.format === 'json'
        ? renderLedgerExportJson(records)
        : `${[CSV_COLUMNS, ...records.map(csvRow)].map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
    if (flags.output) writeFileAtomically(flags.output, text);
    else process.stdout.write(text);
    return 0;
  } finally {
    ledger.close();
  }
}
