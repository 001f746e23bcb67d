import { exec, execFile, execSync } from 'child_process';

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
