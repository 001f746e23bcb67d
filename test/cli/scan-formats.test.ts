import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { makeProject, runCli } from '../helpers.js';

// Findings of every severity (two medium: the eval of a parameter is medium, its origin unknown); the SQL call spans three lines; the last file's path holds a comma and a colon.
const project = {
  'src/app.py': 'import hashlib\nimport requests\n\ndef find(cursor, name):\n    cursor.execute(\n        "SELECT * FROM t WHERE n = " + name\n    )\n    requests.get(name, verify=False)\n    return hashlib.md5(name)\n',
  'src/T.java': 'import java.io.File;\n\nclass T {\n    File make() throws Exception {\n        return File.createTempFile("a", "b");\n    }\n}\n',
  'odd,dir/x:y.py': 'def run(code):\n    eval(code)\n',
};
const SUMMARY = '5 findings (1 critical, 1 high, 2 medium, 1 low); 3 files, 18 lines scanned; 0 suppressed; 0 skipped — fails --fail-on high';

test('concise: one path:line:col line per finding with the first sentence of its message, then the summary', () => {
  const root = makeProject(project);
  const { status, stdout, stderr } = runCli(['scan', '--format', 'concise'], root);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  assert.equal(
    stdout,
    [
      'odd,dir/x:y.py:2:5: medium python-code-injection-eval eval(), exec() or compile() runs a value that is not a constant as Python code.',
      'src/app.py:5:5: critical python-sqli-built-query SQL query built from non-constant parts (concatenation, %-formatting, .format() or an f-string) and passed to a database call.',
      'src/app.py:8:5: high python-tls-verification-disabled TLS certificate or host name verification is switched off.',
      'src/app.py:9:12: medium python-weak-hash MD5 and SHA-1 are broken: collisions can be computed, and they are far too fast for passwords.',
      'src/T.java:5:16: low java-insecure-temp-file File.createTempFile creates the file with the default permissions (readable by other local users on most Unix systems) in the shared temporary directory, so other users can read what you write there.',
      SUMMARY,
      '',
    ].join('\n'),
  );
});

test('concise and github paths open from the directory the command ran in, even above the scan root', () => {
  const root = makeProject({ 'repo/app/hash.py': 'import hashlib\nhashlib.md5(b"")\n', 'work/.keep': '' });
  const work = join(root, 'work');
  assert.match(runCli(['scan', '../repo/app'], work).stdout, /^hash\.py$/m, 'the text report names paths from the scan root');
  assert.match(runCli(['scan', '../repo/app', '-f', 'concise'], work).stdout, /^\.\.\/repo\/app\/hash\.py:2:1: medium python-weak-hash /m);
  assert.match(runCli(['scan', '../repo/app', '-f', 'github'], work).stdout, /^::warning file=\.\.\/repo\/app\/hash\.py,line=2,/m);
});

test('github: an annotation per finding, level by severity, escaped as @actions/core does, then the summary', () => {
  const root = makeProject(project);
  const { status, stdout, stderr } = runCli(['scan', '--format', 'github'], root);
  assert.equal(stderr, '');
  assert.equal(status, 1);
  const lines = stdout.split('\n');
  assert.equal(lines.length, 7);
  assert.equal(lines.at(-1), '');
  assert.equal(lines[5], SUMMARY);
  // medium → warning, with a comma and a colon of the path and the comma between CWE ids escaped.
  assert.equal(
    lines[0],
    '::warning file=odd%2Cdir/x%3Ay.py,line=2,col=5,endLine=2,endColumn=15,title=python-code-injection-eval (CWE-94%2C CWE-95)::eval(), exec() or compile() runs a value that is not a constant as Python code. If any part of it comes from a user, a file or the network, that source can run arbitrary code in this process. Consoles, code generators and loaders run code by design, so where the value comes from decides: request data reaching it is reported by python-code-injection-tainted at high confidence.',
  );
  // Spanning three lines: no columns (GitHub refuses them there); % in the message escaped.
  assert.equal(
    lines[1],
    '::error file=src/app.py,line=5,endLine=7,title=python-sqli-built-query (CWE-89)::SQL query built from non-constant parts (concatenation, %25-formatting, .format() or an f-string) and passed to a database call. Whoever controls those parts can change the query: read, alter or delete data.',
  );
  assert.match(lines[2]!, /^::error file=src\/app\.py,line=8,col=5,endLine=8,endColumn=37,title=python-tls-verification-disabled \(CWE-295\)::TLS certificate/);
  assert.match(lines[3]!, /^::warning file=src\/app\.py,line=9,col=12,endLine=9,endColumn=29,title=python-weak-hash \(CWE-328\)::MD5 and SHA-1/);
  assert.match(lines[4]!, /^::notice file=src\/T\.java,line=5,col=16,endLine=5,endColumn=45,title=java-insecure-temp-file \(CWE-377%2C CWE-379\)::File\.createTempFile/);
});

test('concise and github without findings print only the summary; --fail-on decides the exit code as for text', () => {
  const root = makeProject({ 'a.py': 'x = 1\n', 'h.py': 'import hashlib\nhashlib.md5(b"")\n' });
  const clean = runCli(['scan', 'a.py', '-f', 'github'], root);
  assert.deepEqual([clean.status, clean.stdout], [0, '0 findings; 1 file, 1 lines scanned; 0 suppressed; 0 skipped — passes --fail-on high\n']);
  assert.equal(runCli(['scan', 'h.py', '-f', 'concise'], root).status, 0);
  assert.equal(runCli(['scan', 'h.py', '-f', 'concise', '--fail-on', 'medium'], root).status, 1);
  assert.equal(runCli(['scan', 'h.py', '-f', 'github', '--fail-on', 'medium'], root).status, 1);
});
