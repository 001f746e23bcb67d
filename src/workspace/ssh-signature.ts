import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../errors.js';

/** The SSH signature namespace of loopwarden reviews: a signature made for git or anything else does not count. */
export const REVIEW_NAMESPACE = 'loopwarden-review';

/** Signs `text` with an SSH key through `ssh-keygen -Y sign` (git's SSH-signing format); returns the armored signature. */
export function signText(text: string, keyFile: string): string {
  const result = spawnSync('ssh-keygen', ['-Y', 'sign', '-f', keyFile, '-n', REVIEW_NAMESPACE, '-'], { input: text, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  if (result.error) throw new UserError(`ssh-keygen: cannot run (${result.error.message})`);
  if (result.status !== 0 || !result.stdout.includes('BEGIN SSH SIGNATURE')) {
    throw new UserError(`${keyFile}: cannot sign the review (${firstLine(result.stderr) || `ssh-keygen exit ${result.status}`})`);
  }
  return result.stdout;
}

/**
 * Verifies `signature` over `text` against an allowed-signers file (git's `gpg.ssh.allowedSignersFile`
 * format): returns the signer's principal, or a reason the signature does not count.
 */
export function verifySignedText(text: string, signature: string, allowedSigners: string): { principal: string } | { problem: string } {
  const directory = mkdtempSync(join(tmpdir(), 'loopwarden-sig-'));
  try {
    const signatureFile = join(directory, 'review.sig');
    writeFileSync(signatureFile, signature);
    const find = spawnSync('ssh-keygen', ['-Y', 'find-principals', '-s', signatureFile, '-f', allowedSigners], { encoding: 'utf8' });
    if (find.error) return { problem: `ssh-keygen: cannot run (${find.error.message})` };
    const principal = find.stdout.split('\n')[0]?.trim();
    if (find.status !== 0 || !principal) return { problem: `the signing key is not in the allowed signers (${allowedSigners})` };
    const verify = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', allowedSigners, '-I', principal, '-n', REVIEW_NAMESPACE, '-s', signatureFile], { input: text, encoding: 'utf8' });
    if (verify.status !== 0) return { problem: `the signature does not verify (${firstLine(verify.stderr) || firstLine(verify.stdout) || `exit ${verify.status}`})` };
    return { principal };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

function firstLine(text: string | undefined): string {
  return (text ?? '').trim().split('\n')[0] ?? '';
}
