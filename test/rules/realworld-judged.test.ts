import { test } from 'node:test';
import assert from 'node:assert/strict';
import { makeProject, runCli } from '../helpers.js';

// Regression cases from the judged samples of `npm run bench:realworld` (mature code nobody tuned the rules
// to: Python's standard library, JDK sources, npm libraries, C headers). Each is a minimal reproduction
// written for this test, not the original code. 'gates': the finding blocks (critical/high, medium or high
// confidence); 'shown': reported at low confidence, never gated; 'none': not reported at all.
interface Judged {
  why: string;
  file: string;
  code: string;
  ruleId: string;
  expect: 'gates' | 'shown' | 'none';
}

const judged: Judged[] = [
  {
    why: 'a documentation writer builds its output path from its own parameter (pydoc, turtle)',
    file: 'docs.py',
    code: 'def write_html(name, page):\n    with open(name + ".html", "w", encoding="utf-8") as f:\n        f.write(page)\n',
    ruleId: 'python-path-traversal-built-path',
    expect: 'shown',
  },
  {
    why: 'a profiler loads the statistics file its caller names (pstats, tracemalloc, trace)',
    file: 'stats.py',
    code: 'import pickle\n\ndef load(filename):\n    with open(filename, "rb") as fp:\n        return pickle.load(fp)\n',
    ruleId: 'python-unsafe-deserialization',
    expect: 'shown',
  },
  {
    why: 'a MIME boundary needs no secrecy (email.generator)',
    file: 'boundary.py',
    code: 'import random\nimport sys\n\ndef boundary():\n    token = random.randrange(sys.maxsize)\n    return "=" * 15 + str(token)\n',
    ruleId: 'python-insecure-random-secret',
    expect: 'shown',
  },
  {
    why: 'HMAC-MD5 has the shape of a cipher call but is no cipher (multiprocessing.connection)',
    file: 'auth.py',
    code: 'import hmac\n\ndef answer(authkey, message):\n    return hmac.new(authkey, message, "md5").digest()\n',
    ruleId: 'python-broken-crypto',
    expect: 'none',
  },
  {
    why: 'an identifier quoted with doubled quotes cannot leave its quotes (sqlite3.dump)',
    file: 'dump.py',
    code: 'def columns(cu, table_name):\n    ident = table_name.replace(\'"\', \'""\')\n    return cu.execute(\'PRAGMA table_info("{0}")\'.format(ident))\n',
    ruleId: 'python-sqli-built-query',
    expect: 'none',
  },
  {
    why: 'a TLS protocol label spelled in escapes is not key material (openssl/tls1.h)',
    file: 'tls1.h',
    code: '#define TLS_MD_MASTER_SECRET_CONST "\\x6d\\x61\\x73\\x74\\x65\\x72\\x20\\x73\\x65\\x63\\x72\\x65\\x74"\n',
    ruleId: 'c-hardcoded-credential',
    expect: 'none',
  },
  {
    why: 'a UI framework implementing dangerouslySetInnerHTML writes what its caller gave (hono/jsx)',
    file: 'render.js',
    code: 'export function apply(container, key, value) {\n  if (key === "dangerouslySetInnerHTML" && value) container.innerHTML = value.__html;\n}\n',
    ruleId: 'js-xss-dom-html-sink',
    expect: 'shown',
  },
  {
    why: 'a socket implementation builds a URI from its own host and port (java.net.SocksSocketImpl)',
    file: 'Socks.java',
    code: 'import java.net.URI;\nclass Socks {\n  URI target(String host, int port) throws Exception {\n    return new URI("socket://" + host + ":" + port);\n  }\n}\n',
    ruleId: 'java-ssrf-built-url',
    expect: 'shown',
  },
  {
    why: 'a pager given the name of a temporary file the program made itself (pydoc)',
    file: 'pager.py',
    code: 'import os\nimport tempfile\n\ndef page(text):\n    filename = tempfile.mktemp()\n    with open(filename, "w") as f:\n        f.write(text)\n    os.system(\'more "%s"\' % filename)\n',
    ruleId: 'python-cmdi-shell-command',
    expect: 'none',
  },
  {
    why: 'every name of a tuple unpacking holds part of the value: a temporary file the program made itself (pydoc)',
    file: 'probe.py',
    code: 'import os\nimport tempfile\n\ndef probe():\n    (fd, filename) = tempfile.mkstemp()\n    os.close(fd)\n    return os.system(\'more "%s"\' % filename) == 0\n',
    ruleId: 'python-cmdi-shell-command',
    expect: 'none',
  },
  {
    why: 'a file in a temporary directory the program made, named by a with statement (pydoc)',
    file: 'tmpdir.py',
    code: 'import os\nimport tempfile\n\ndef show(text):\n    with tempfile.TemporaryDirectory() as tempdir:\n        filename = os.path.join(tempdir, "out.txt")\n        with open(filename, "w") as file:\n            file.write(text)\n        os.system(\'less "\' + filename + \'"\')\n',
    ruleId: 'python-cmdi-shell-command',
    expect: 'none',
  },
  {
    why: 'host name checking switched off only when there is no host name to check (asyncio.sslproto)',
    file: 'transport.py',
    code: 'import ssl\n\ndef context_for(server_hostname):\n    context = ssl.create_default_context()\n    if not server_hostname:\n        context.check_hostname = False\n    return context\n',
    ruleId: 'python-tls-verification-disabled',
    expect: 'none',
  },
  {
    why: 'column names each quoted with doubled quotes in a generator, joined into the query (sqlite3.dump)',
    file: 'rows.py',
    code: 'def rows(cu, table, columns):\n    ident = table.replace(\'"\', \'""\')\n    cols = ",".join(\'"{0}"\'.format(c.replace(\'"\', \'""\')) for c in columns)\n    return cu.execute(\'SELECT {1} FROM "{0}"\'.format(ident, cols))\n',
    ruleId: 'python-sqli-built-query',
    expect: 'none',
  },
  {
    why: 'a command the program checks with its own predicate before running it: whether the check suffices is unknown (_bootsubprocess)',
    file: 'runner.py',
    code: 'import os\n\ndef _safe(cmd):\n    return all(ch.isalnum() or ch in "-_./ " for ch in cmd)\n\ndef run(cmd):\n    if not _safe(cmd):\n        raise ValueError(cmd)\n    return os.system(cmd + " >out.txt")\n',
    ruleId: 'python-cmdi-shell-command',
    expect: 'shown',
  },
  {
    why: 'a stdlib client that defaults to an unverified TLS context is a real weakness (imaplib, poplib, smtplib)',
    file: 'mail.py',
    code: 'import ssl\n\ndef starttls(sock, certfile=None):\n    context = ssl._create_stdlib_context(certfile=certfile)\n    return context.wrap_socket(sock)\n',
    ruleId: 'python-tls-verification-disabled',
    expect: 'gates',
  },
  {
    why: 'a query built from a parameter still gates, at medium confidence: a placeholder is always the safe form',
    file: 'db.py',
    code: 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n',
    ruleId: 'python-sqli-built-query',
    expect: 'gates',
  },
];

for (const c of judged) {
  test(`judged on real code: ${c.why}`, () => {
    const root = makeProject({ [c.file]: c.code });
    const { stdout } = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root);
    const findings = (JSON.parse(stdout) as { findings: { ruleId: string; severity: string; confidence: string }[] }).findings.filter((f) => f.ruleId === c.ruleId);
    if (c.expect === 'none') {
      assert.deepEqual(findings, []);
      return;
    }
    assert.equal(findings.length, 1, `${c.ruleId} should report once`);
    const gates = (findings[0]!.severity === 'critical' || findings[0]!.severity === 'high') && findings[0]!.confidence !== 'low';
    assert.equal(gates ? 'gates' : 'shown', c.expect);
  });
}

test('a query built from a parameter is medium confidence; from data the function reads itself it keeps high', () => {
  const root = makeProject({ 'db.py': 'def find(cursor, name):\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n\ndef ask(cursor):\n    name = input()\n    return cursor.execute("SELECT * FROM t WHERE n = \'" + name + "\'")\n' });
  const { stdout } = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root);
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string; startLine: number; confidence: string }[] }).findings;
  assert.deepEqual(findings.map((f) => [f.ruleId, f.startLine, f.confidence]), [
    ['python-sqli-built-query', 2, 'medium'],
    ['python-sqli-built-query', 6, 'high'],
  ]);
});

test('a temporary file the program made stays accounted for when the project holds the tempfile module itself (a scan of the standard library)', () => {
  const root = makeProject({
    'tempfile.py': 'import os\n\ndef mkstemp(suffix=None):\n    name = os.path.abspath(os.environ.get("TMP", "/tmp") + "/x")\n    return os.open(name, 0), name\n',
    'pager.py': 'import os\nimport tempfile\n\ndef probe():\n    (fd, filename) = tempfile.mkstemp()\n    os.close(fd)\n    return os.system(\'more "%s"\' % filename) == 0\n',
  });
  const { stdout } = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root);
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string }[] }).findings.filter((f) => f.ruleId === 'python-cmdi-shell-command');
  assert.deepEqual(findings, []);
});

test('a predicate check lowers confidence only when every built part passed one', () => {
  const root = makeProject({
    'runner.py': 'import os\n\ndef run(cmd, extra):\n    if not valid(cmd):\n        raise ValueError(cmd)\n    os.system(cmd + " >out.txt")\n    os.system(cmd + " " + extra)\n    if valid(extra):\n        os.system(extra + " >out.txt")\n',
  });
  const { stdout } = runCli(['scan', '--format', 'json', '--fail-on', 'none'], root);
  const findings = (JSON.parse(stdout) as { findings: { ruleId: string; startLine: number; confidence: string }[] }).findings.filter((f) => f.ruleId === 'python-cmdi-shell-command');
  assert.deepEqual(findings.map((f) => [f.startLine, f.confidence]), [
    [6, 'low'],
    [7, 'medium'],
    [9, 'medium'],
  ]);
});
