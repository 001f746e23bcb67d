const { exec, execFile } = require('child_process');
const express = require('express');
const app = express();

app.post('/thumbnail', (req, res) => {
  const file = req.body.file;
  const cmd = 'convert ' + file + ' -resize 64x64 thumb.png';
  // ruleid: js-cmdi-tainted-command
  exec(cmd, (err) => res.sendStatus(err ? 500 : 204));
  // ruleid: js-cmdi-tainted-command
  require('child_process').execSync(`gzip ${req.query.name}`);
  // ok: js-cmdi-tainted-command
  execFile('convert', [file, '-resize', '64x64', 'thumb.png'], () => {});
  // ok: js-cmdi-tainted-command
  exec('uptime', () => {});
  // ok: js-cmdi-tainted-command
  exec('kill -HUP ' + parseInt(req.params.pid, 10), () => {});
  // ok: js-cmdi-tainted-command
  const route = /^\/files\/([a-z-]+)$/.exec(req.url);
  const ROUTE = /^\/users\/(\d+)$/;
  // ok: js-cmdi-tainted-command
  const user = ROUTE.exec(req.path);
  const cp = require('child_process');
  // ruleid: js-cmdi-tainted-command
  cp.exec('ls ' + req.query.dir, () => {});
  res.json({ route, user });
});

// exec wrapped in a promise still hands its command to the shell; execFile does not.
const util = require('node:util');
const execPromise = util.promisify(require('node:child_process').exec);
const execFilePromise = util.promisify(execFile);

app.get('/log', async (req, res) => {
  // ruleid: js-cmdi-tainted-command
  const { stdout } = await execPromise(`git log --author=${req.query.author}`);
  // ok: js-cmdi-tainted-command
  await execFilePromise('git', ['log', `--author=${req.query.author}`]);
  res.send(stdout);
});
