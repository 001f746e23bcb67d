import { exec, execFile, execSync } from 'child_process';
import * as childProcess from 'node:child_process';
import { promisify } from 'node:util';

const execAsync = promisify(exec);
const execFileAsync = promisify(execFile);

export function archive(file: string, user: string): void {
  // ruleid: js-cmdi-shell-command
  exec('tar czf /tmp/backup.tgz ' + file);
  // ruleid: js-cmdi-shell-command
  const out = execSync(`grep ${user} /etc/passwd`);
  // ok: js-cmdi-shell-command
  execFile('tar', ['czf', '/tmp/backup.tgz', file]);
  // ok: js-cmdi-shell-command
  execSync('uptime');
  // ok: js-cmdi-shell-command
  const match = /ab+c/.exec(file + user);
  console.log(out, match);
}

// exec wrapped in a promise still hands its command to the shell; execFile does not.
export async function lastCommit(repo: string): Promise<string> {
  // ruleid: js-cmdi-shell-command
  const { stdout } = await execAsync(`git -C ${repo} log -1 --format=%H`);
  // ruleid: js-cmdi-shell-command
  await promisify(childProcess.exec)('git -C ' + repo + ' fetch');
  // ok: js-cmdi-shell-command
  await execFileAsync('git', ['-C', repo, 'log', '-1']);
  // ok: js-cmdi-shell-command
  await execAsync('git --version');
  return stdout;
}
