import { spawnSync } from 'node:child_process';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import type { Policy } from '../policy/policy.js';

/** Returns the allowed-signers file signed reviews are checked against: the policy's, else git's `gpg.ssh.allowedSignersFile`. */
export function allowedSignersFile(top: string, policy: Policy): string | undefined {
  if (policy.review.allowedSigners) return isAbsolute(policy.review.allowedSigners) ? policy.review.allowedSigners : resolve(top, policy.review.allowedSigners);
  const configured = spawnSync('git', ['config', '--get', 'gpg.ssh.allowedSignersFile'], { cwd: top, encoding: 'utf8' }).stdout?.trim();
  if (!configured) return undefined;
  return configured.startsWith('~/') ? join(homedir(), configured.slice(2)) : resolve(top, configured);
}
