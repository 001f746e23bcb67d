import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { languageForPath } from '../../src/languages/registry.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';
import { buildSarif } from '../../src/report/sarif.js';
import { join } from 'node:path';

const rules = loadRules([BUILTIN_RULES_DIR]);
const taintRules = rules.filter((rule) => rule.taint);

function tainted(path: string, body: string): { line: number; trace: { kind: string; line: number }[] }[] {
  const analysis = analyzeSource(path, body, languageForPath(path)!, taintRules, { complexity: false });
  return analysis.findings.map((f) => ({ line: f.startLine, trace: (f.trace ?? []).map((s) => ({ kind: s.kind, line: s.line })) }));
}

const py = (lines: string[]) => ['from flask import request', 'def handler(db):', ...lines.map((line) => `    ${line}`), ''].join('\n');

test('taint flows through assignments and string building, with the path recorded', () => {
  const found = tainted('a.py', py(['x = request.args.get("q")', 'y = "SELECT " + x', 'z = f"{y} LIMIT 1"', 'db.execute(z)']));
  assert.deepEqual(found, [{ line: 6, trace: [{ kind: 'source', line: 3 }, { kind: 'step', line: 3 }, { kind: 'step', line: 4 }, { kind: 'step', line: 5 }, { kind: 'sink', line: 6 }] }]);
});

test('a sanitizer or a later constant assignment ends the taint', () => {
  assert.deepEqual(tainted('a.py', py(['x = int(request.args.get("q"))', 'db.execute("SELECT %d" % x)'])), []);
  assert.deepEqual(tainted('a.py', py(['x = request.args.get("q")', 'x = "fixed"', 'db.execute("SELECT " + x)'])), []);
});

test('augmented assignments and propagator calls carry taint', () => {
  assert.equal(tainted('a.py', py(['q = "SELECT "', 'q += request.form["a"]', 'db.execute(q)'])).length, 1);
  assert.equal(tainted('a.py', py(['parts = []', 'parts.append(request.cookies.get("s"))', 'db.execute(" ".join(parts))'])).length, 1);
});

test('collections: a value stored under one key and another read back is not tainted', () => {
  const store = ['m = {}', 'm["a"] = request.args.get("q")', 'm["b"] = "safe"'];
  assert.deepEqual(tainted('a.py', py([...store, 'db.execute("SELECT " + m["b"])'])), []);
  assert.equal(tainted('a.py', py([...store, 'db.execute("SELECT " + m["a"])'])).length, 1);
  const java = `class A { void f(javax.servlet.http.HttpServletRequest request, java.sql.Statement s) throws Exception {
    java.util.Map<String, String> m = new java.util.HashMap<>();
    m.put("a", request.getParameter("p"));
    m.put("b", "safe");
    s.executeQuery("SELECT " + m.get("b"));
    s.executeQuery("SELECT " + m.get("a"));
  } }`;
  assert.deepEqual(tainted('A.java', java).map((f) => f.line), [6]);
});

test('untainted parameters and constants reaching a sink are not taint findings', () => {
  assert.deepEqual(tainted('a.py', 'def f(db, name):\n    db.execute("SELECT " + name)\n'), []);
});

test('taint findings carry a SARIF code flow from source to sink', () => {
  const analysis = analyzeSource('a.py', py(['x = request.args.get("q")', 'db.execute("SELECT " + x)']), languageForPath('a.py')!, taintRules, { complexity: false });
  const log = buildSarif({ root: '/tmp', filesScanned: 1, linesScanned: 4, findings: analysis.findings, suppressed: [], skipped: [], notes: [], rules: taintRules });
  const flow = log.runs[0]!.results![0]!.codeFlows![0]!.threadFlows[0]!.locations;
  assert.deepEqual(flow.map((l) => l.location!.physicalLocation!.region!.startLine), [3, 3, 4]);
});

test('a pattern finding and a taint finding at the same place are reported once, with the trace', () => {
  const body = py(['x = request.args.get("q")', 'db.execute("SELECT " + x)']);
  const analysis = analyzeSource('a.py', body, languageForPath('a.py')!, rules, { complexity: false });
  const sqli = analysis.findings.filter((f) => f.cwe.includes('CWE-89'));
  assert.equal(sqli.length, 1);
  assert.equal(sqli[0]!.ruleId, 'python-sqli-tainted-query');
});

test('the condition of a ternary picks a branch but is not its value', () => {
  assert.deepEqual(tainted('a.py', py(['db.execute("SELECT a" if request.args.get("q") else "SELECT b")'])), []);
  const rs = (value: string) => `async fn h(Query(m): Query<HashMap<String, String>>, conn: &rusqlite::Connection) {\n    let sql = ${value};\n    conn.execute(&sql, []).ok();\n}\n`;
  assert.deepEqual(tainted('a.rs', rs('if let Some(_) = m.get("k") { "SELECT 1".to_string() } else { "SELECT 2".to_string() }')), []);
  assert.equal(tainted('a.rs', rs('if let Some(v) = m.get("k") { format!("SELECT {}", v) } else { "SELECT 2".to_string() }')).length, 1);
  assert.deepEqual(tainted('a.rs', rs('if let Some(v) = m.get("k") { let n = v.len(); log(v); format!("SELECT {}", n) } else { "SELECT 2".to_string() }')), []);
  assert.equal(tainted('a.py', py(['db.execute(request.args.get("q") if request.args.get("p") else "SELECT b")'])).length, 1);
  const rb = (line: string) => ['class A < ApplicationController', '  def create', `    ${line}`, '  end', 'end', ''].join('\n');
  assert.deepEqual(tainted('a.rb', rb('redirect_to(params[:continue] ? new_group_path : groups_path)')), []);
  assert.equal(tainted('a.rb', rb('redirect_to(params[:continue] ? params[:next] : groups_path)')).length, 1);
});

test('Ruby: an allow-list check that returns or raises when it fails cleans the value after it', () => {
  const rb = (lines: string[]) => ['class A < ApplicationController', '  def show', ...lines.map((line) => `    ${line}`), '  end', 'end', ''].join('\n');
  const use = 'Report.public_send(kind)';
  assert.deepEqual(tainted('a.rb', rb(['kind = params[:kind]', 'return head(:bad_request) unless ALLOWED.include?(kind)', use])), []);
  assert.deepEqual(tainted('a.rb', rb(['kind = params[:kind]', 'raise ArgumentError unless ALLOWED.include?(kind)', use])), []);
  assert.deepEqual(tainted('a.rb', rb(['kind = params[:kind]', 'unless ALLOWED.include?(kind)', '  render_403', '  return', 'end', use])), []);
  assert.equal(tainted('a.rb', rb(['kind = params[:kind]', 'log(kind) unless ALLOWED.include?(kind)', use])).length, 1);
});

test('Rust: names bound by destructuring patterns in parameters, let and if let carry the value', () => {
  const rs = (params: string, lines: string[]) =>
    [`async fn h(${params}, conn: &rusqlite::Connection) {`, ...lines.map((line) => `    ${line}`), '}', ''].join('\n');
  const sink = (name: string) => `conn.execute(&format!("DELETE FROM t WHERE a = '{}'", ${name}), []).ok();`;
  assert.equal(tainted('a.rs', rs('Path((id, name)): Path<(u32, String)>', [sink('name')])).length, 1);
  assert.equal(tainted('a.rs', rs('q: web::Query<Search>', ['let Search { name, .. } = q.into_inner();', sink('name')])).length, 1);
  assert.equal(tainted('a.rs', rs('q: web::Path<(String, String)>', ['let (a, b) = q.into_inner();', sink('b')])).length, 1);
  assert.equal(tainted('a.rs', rs('Query(m): Query<HashMap<String, String>>', ['if let Some(v) = m.get("k") {', `    ${sink('v')}`, '}'])).length, 1);
  assert.deepEqual(tainted('a.rs', rs('Query(m): Query<HashMap<String, String>>', ['let (a, b) = ("x", 1);', sink('a')])), []);
});

test('a branch that can never run is not followed: constant conditions are folded', () => {
  const ternary = py(['p = request.args.get("q")', 'num = 106', 'bar = "safe" if 7 * 18 + num > 200 else p', 'db.execute("SELECT " + bar)']);
  assert.deepEqual(tainted('a.py', ternary), []);
  const live = py(['p = request.args.get("q")', 'num = 106', 'bar = p if 7 * 18 + num > 200 else "safe"', 'db.execute("SELECT " + bar)']);
  assert.equal(tainted('a.py', live).length, 1);
  const deadIf = py(['p = request.args.get("q")', 'bar = "safe"', 'num = 106', 'if 7 * 42 - num > 200:', '    bar = p', 'db.execute("SELECT " + bar)']);
  assert.deepEqual(tainted('a.py', deadIf), []);
  const java = `class A { void f(javax.servlet.http.HttpServletRequest request, java.sql.Statement s) throws Exception {
    String param = request.getParameter("p");
    int num = 86;
    String bar = (7 * 42) - num > 200 ? "This_should_always_happen" : param;
    s.executeQuery("SELECT " + bar);
  } }`;
  assert.deepEqual(tainted('A.java', java), []);
});

test('a value assigned on only some paths may still be tainted', () => {
  const branches = py(['bar = "safe"', 'if db.flag:', '    bar = request.args.get("q")', 'db.execute("SELECT " + bar)']);
  assert.equal(tainted('a.py', branches).length, 1);
  const overwritten = py(['bar = request.args.get("q")', 'if db.flag:', '    bar = "a"', 'else:', '    bar = "b"', 'db.execute("SELECT " + bar)']);
  assert.equal(tainted('a.py', overwritten).length, 1); // branch-by-branch overwrites are not proven total
});

const javaHandler = (body: string, extra = '') => `import javax.servlet.http.*;
class H extends HttpServlet {
  void doPost(HttpServletRequest request, java.sql.Statement s) throws Exception {
${body}
  }
${extra}
}`;

test('helper functions in the same file are summarised: pass-through, constant, source and sanitising helpers', () => {
  const identity = 'static String same(String v) { return v; }';
  const constant = 'static String fixed(String v) { String r = "x"; return r; }';
  const chosen = 'static String pick(String v) { int n = 106; return (7 * 18) + n > 200 ? "always" : v; }';
  const source = 'static String read(HttpServletRequest r) { return r.getParameter("id"); }';
  const call = (expr: string) => javaHandler(`    String p = request.getParameter("p");\n    s.executeQuery("SELECT " + ${expr});`, [identity, constant, chosen, source].join('\n'));
  assert.equal(tainted('H.java', call('same(p)')).length, 1);
  assert.deepEqual(tainted('H.java', call('fixed(p)')), []);
  assert.deepEqual(tainted('H.java', call('pick(p)')), []);
  assert.equal(tainted('H.java', call('read(request)')).length, 1);
  // Python methods: `self` is the receiver, not the first argument.
  const pyMethods = ['from flask import request', 'class V:', '    def clean(self, v):', '        return "fixed"', '    def keep(self, v):', '        return v.strip()',
    '    def get(self, db):', '        q = request.args.get("q")', '        db.execute("SELECT " + self.clean(q))', '        db.execute("SELECT " + self.keep(q))', ''].join('\n');
  assert.deepEqual(tainted('a.py', pyMethods).map((f) => f.line), [10]);
});

test('a recursive helper does not loop and is judged like an unknown call', () => {
  const body = javaHandler('    s.executeQuery("SELECT " + again(request.getParameter("p"), 3));', 'static String again(String v, int n) { return n == 0 ? v : again(v, n - 1); }');
  assert.equal(tainted('H.java', body).length, 1);
});

test('lists: the element read back at a constant index is the one tainted or not', () => {
  const list = (read: string) => javaHandler(`    java.util.List<String> l = new java.util.ArrayList<String>();
    l.add("safe");
    l.add(request.getParameter("p"));
    l.add("moresafe");
    l.remove(0);
    s.executeQuery("SELECT " + ${read});`);
  assert.equal(tainted('H.java', list('l.get(0)')).length, 1);
  assert.deepEqual(tainted('H.java', list('l.get(1)')), []);
  assert.equal(tainted('a.py', py(['l = ["a"]', 'l.append(request.args.get("q"))', 'db.execute("SELECT " + l[1])'])).length, 1);
  assert.deepEqual(tainted('a.py', py(['l = ["a"]', 'l.append(request.args.get("q"))', 'db.execute("SELECT " + l[0])'])), []);
  // A list handed to another call may change unseen: every element counts.
  assert.equal(tainted('a.py', py(['l = ["a"]', 'l.append(request.args.get("q"))', 'shuffle(l)', 'db.execute("SELECT " + l[0])'])).length, 1);
});

test('switch on a constant: only the matching arm (and what it falls into) runs', () => {
  const sw = (guess: string) => javaHandler(`    String p = request.getParameter("p");
    String bar;
    String guess = "${guess}";
    char target = guess.charAt(1);
    switch (target) {
      case 'A': bar = p; break;
      case 'B': bar = "bob"; break;
      case 'C':
      case 'D': bar = p; break;
      default: bar = "none"; break;
    }
    s.executeQuery("SELECT " + bar);`);
  assert.deepEqual(tainted('H.java', sw('ABC')), []);
  assert.equal(tainted('H.java', sw('ACB')).length, 1);
  assert.deepEqual(tainted('H.java', sw('AZB')), []);
  const js = (value: string) => `function h(req, db) { let v; switch (${value}) { case "a": v = req.query.id; case "b": v = v + "x"; break; default: v = "k"; } db.query("SELECT " + v); }`;
  assert.equal(tainted('a.js', js('"a"')).length, 1);
  assert.deepEqual(tainted('a.js', js('"c"')), []);
});

test('loop variables carry the taint of the collection they walk', () => {
  const body = javaHandler(`    String v = "none";
    for (Cookie c : request.getCookies()) {
      if (c.getName().equals("id")) { v = c.getValue(); break; }
    }
    s.executeQuery("SELECT " + v);`);
  assert.equal(tainted('H.java', body).length, 1);
  assert.equal(tainted('a.py', py(['for v in request.args.getlist("q"):', '    db.execute("SELECT " + v)'])).length, 1);
});

test('deeply nested expressions do not cut the path short', () => {
  const body = javaHandler(`    String q = request.getQueryString();
    int at = q.indexOf("id=");
    String p = q.substring(at + "id=".length());
    p = java.net.URLDecoder.decode(p, "UTF-8");
    java.util.Map<String, Object> m = new java.util.HashMap<String, Object>();
    m.put("k", p);
    String bar = (String) m.get("k");
    s.executeQuery("SELECT " + ((String) (bar.trim())).toLowerCase());`);
  assert.equal(tainted('H.java', body).length, 1);
});

test('guards: an exiting check for ".." cleans the path after it; one joined by "and" does not', () => {
  const guarded = (condition: string) => ['from flask import request', 'def h():', '    name = request.args.get("f")', `    if ${condition}:`, '        return "bad", 400', '    return open("/srv/" + name).read()', ''].join('\n');
  const pathRules = rules.filter((rule) => rule.id === 'python-path-traversal-tainted');
  const found = (source: string) => analyzeSource('a.py', source, languageForPath('a.py')!, pathRules, { complexity: false }).findings.length;
  assert.equal(found(guarded('".." in name')), 0);
  assert.equal(found(guarded('name is None or ".." in name')), 0);
  assert.equal(found(guarded('".." in name and len(name) > 9')), 1);
  assert.equal(found(guarded('len(name) > 9')), 1);
  // `and` with an inequality to a named value: what passes failed the guard or is that value.
  assert.equal(found(guarded('name != BASE and ".." in name')), 0);
  assert.equal(found(guarded('name != pick(BASE) and ".." in name')), 1);
  assert.equal(found(guarded('strict and ".." in name')), 1);
});

test('guards: a prefix check confines a Python path only once it is normalised', () => {
  const pathRules = rules.filter((rule) => rule.id === 'python-path-traversal-tainted');
  const found = (value: string, condition: string) =>
    analyzeSource('a.py', ['from flask import request', 'def h():', `    name = ${value}`, `    if ${condition}:`, '        return "bad", 400', '    return open(name).read()', ''].join('\n'), languageForPath('a.py')!, pathRules, { complexity: false }).findings.length;
  const joined = 'os.path.join(BASE, request.args.get("f"))';
  assert.equal(found(joined, 'not name.startswith(BASE)'), 1, '"/srv/a/../../etc" starts with "/srv/a/"');
  assert.equal(found(`os.path.realpath(${joined})`, 'not name.startswith(BASE)'), 0);
  assert.equal(found(`os.path.abspath(${joined})`, 'name != BASE and not name.startswith(BASE + os.sep)'), 0);
  assert.equal(found(`(Path(BASE) / request.args.get("f")).resolve()`, 'not name.is_relative_to(BASE)'), 0);
  assert.equal(found(`(Path(BASE) / request.args.get("f")).resolve()`, 'name.parent != BASE'), 0);
});

test('guards in JavaScript: a prefix check joined with an inequality to the root still confines the path', () => {
  const pathRules = rules.filter((rule) => rule.id === 'js-path-traversal-tainted');
  const handler = (condition: string) =>
    ["const fs = require('fs');", "const path = require('path');", "const ROOT = path.resolve('public');", 'app.get("/f", (req, res) => {', '  const full = path.resolve(ROOT, req.query.f);', `  if (${condition}) return res.sendStatus(403);`, '  fs.createReadStream(full).pipe(res);', '});', ''].join('\n');
  const found = (source: string) => analyzeSource('a.js', source, languageForPath('a.js')!, pathRules, { complexity: false }).findings.length;
  assert.equal(found(handler('!full.startsWith(ROOT + path.sep)')), 0);
  assert.equal(found(handler('full !== ROOT && !full.startsWith(ROOT + path.sep)')), 0);
  assert.equal(found(handler('req.query.strict && !full.startsWith(ROOT + path.sep)')), 1);
});

test('JavaScript destructuring: each name bound from a tainted value is tainted', () => {
  const pathRules = rules.filter((rule) => rule.id === 'js-path-traversal-tainted');
  const handler = (lines: string[]) => ["const fs = require('fs');", 'app.get("/f", (req, res) => {', ...lines.map((line) => `  ${line}`), '});', ''].join('\n');
  const found = (lines: string[]) => analyzeSource('a.js', handler(lines), languageForPath('a.js')!, pathRules, { complexity: false }).findings.map((f) => f.startLine);
  assert.deepEqual(found(["const { pathname } = new URL(req.url, 'http://localhost');", "fs.readFile('/srv' + pathname, () => {});"]), [4]);
  assert.deepEqual(found(['const { name: file, size = 0 } = req.body;', "fs.readFile('/srv/' + file, () => {});"]), [4]);
  assert.deepEqual(found(['const [first, ...rest] = req.query.files;', "fs.readFile('/srv/' + first, () => {});", "fs.readFile('/srv/' + rest[0], () => {});"]), [4, 5]);
  // A default value is not bound by the pattern: `fallback` keeps its own value.
  assert.deepEqual(found(["const fallback = 'index.html';", '({ page = fallback } = req.query);', "fs.readFile('/srv/' + fallback, () => {});"]), []);
});

test('origin check: a built string whose parts are constants stored and read back is not a pattern finding', () => {
  const patternRules = rules.filter((rule) => rule.id === 'java-sqli-built-query');
  const body = (read: string) => javaHandler(`    java.util.Map<String, String> m = new java.util.HashMap<>();
    m.put("a", request.getParameter("p"));
    m.put("b", "fixed");
    s.executeQuery("SELECT * FROM t WHERE c = '" + ${read} + "'");`);
  const count = (source: string) => analyzeSource('H.java', source, languageForPath('H.java')!, patternRules, { complexity: false }).findings.length;
  assert.equal(count(body('m.get("b")')), 0);
  assert.equal(count(body('m.get("a")')), 1);
  // Data the function cannot account for (a parameter, a field, a call elsewhere) keeps the finding.
  assert.equal(count(javaHandler('    s.executeQuery("SELECT * FROM t WHERE c = \'" + lookup() + "\'");')), 1);
});

test('a call that is a sink at several positions is checked at each: the program, the shell line, the environment', () => {
  const go = (call: string) => `package p
import ("net/http"; "os/exec")
func h(w http.ResponseWriter, r *http.Request) {
	v := r.FormValue("v")
	${call}
}`;
  assert.equal(tainted('h.go', go('exec.Command("sh", "-c", "echo "+v).Run()')).length, 1);
  assert.equal(tainted('h.go', go('exec.Command(v).Run()')).length, 1);
  assert.deepEqual(tainted('h.go', go('exec.Command("echo", "hello").Run()')), []);
  const java = javaHandler('    String[] env = {"LANG=" + request.getHeader("Accept-Language")};\n    Runtime.getRuntime().exec(new String[] {"date"}, env);');
  assert.equal(tainted('H.java', java).length, 1);
});

test('one value unpacked into several names: in Go the first name carries it, the others (an error, a flag) do not', () => {
  const go = (lines: string) => `package p
import ("database/sql"; "net/http")
func h(w http.ResponseWriter, r *http.Request, db *sql.DB) {
${lines}
}`;
  assert.equal(tainted('h.go', go('\tc, err := r.Cookie("s")\n\tdb.Query("SELECT " + c.Value)\n\t_ = err')).length, 1);
  assert.deepEqual(tainted('h.go', go('\tc, err := r.Cookie("s")\n\tdb.Query("SELECT " + err.Error())\n\t_ = c')), []);
  assert.equal(tainted('a.py', py(['host, port = request.args["h"].split(":")', 'db.execute("SELECT " + host)'])).length, 1);
});

test('Python unpacking: every name holds a part of the value, in any pattern, and positions stay apart', () => {
  assert.equal(tainted('a.py', py(['host, port = request.args["h"].split(":")', 'db.execute("SELECT " + port)'])).length, 1);
  assert.equal(tainted('a.py', py(['(host, port) = request.args["h"].split(":")', 'db.execute("SELECT " + port)'])).length, 1);
  assert.equal(tainted('a.py', py(['[first, *rest] = request.args["h"].split(":")', 'db.execute("SELECT " + rest[0])'])).length, 1);
  assert.equal(tainted('a.py', py(['for key, value in request.args.items():', '    db.execute("SELECT " + value)'])).length, 1);
  assert.deepEqual(tainted('a.py', py(['(name, fixed) = (request.args["h"], "x")', 'db.execute("SELECT " + fixed)'])), []);
  assert.deepEqual(tainted('a.py', py(['with open(request.args["f"]) as (handle):', '    db.execute("SELECT " + handle.read())'])).map((f) => f.line), [3, 4]);
});

test('Python comprehensions: the element expression makes the value, each bound name carries the iterable', () => {
  assert.equal(tainted('a.py', py(['ids = ",".join(i for i in request.args.getlist("id"))', 'db.execute("SELECT * FROM t WHERE id IN (" + ids + ")")'])).length, 1);
  assert.equal(tainted('a.py', py(['ids = [i.strip() for i in request.args.getlist("id") if i]', 'db.execute("SELECT * FROM t WHERE id = " + ids[0])'])).length, 1);
  assert.equal(tainted('a.py', py(['pairs = {k: v for k, v in request.args.items()}', 'db.execute("SELECT " + pairs["a"])'])).length, 1);
  assert.deepEqual(tainted('a.py', py(['ids = ",".join(str(int(i)) for i in request.args.getlist("id"))', 'db.execute("SELECT * FROM t WHERE id IN (" + ids + ")")'])), []);
});

test('an assignment in a branch that returns does not reach code after the branch', () => {
  const body = (exit: string) => ['from flask import request', 'def h(db):', '    q = request.args.get("q")', '    if len(q) > 9:', '        q = "short"', `        ${exit}`, '    db.execute("SELECT " + q)', ''].join('\n');
  // The tainted value reaches the sink either way; what matters is the constant's path is not followed.
  assert.equal(tainted('a.py', body('return None')).length, 1);
  const guardAfterReset = ['from flask import request', 'def h(db):', '    q = request.args.get("q")', '    if ".." in q:', '        q = "x"', '        return None', '    return open("/srv/" + q).read()', ''].join('\n');
  const pathRules = rules.filter((rule) => rule.id === 'python-path-traversal-tainted');
  assert.equal(analyzeSource('a.py', guardAfterReset, languageForPath('a.py')!, pathRules, { complexity: false }).findings.length, 0);
});

test('Python match on a constant: only the matching case runs', () => {
  const match = (subject: string) => py([
    'p = request.args.get("q")', `guess = "${subject}"[0]`, 'match guess:', '    case "A":', '        bar = p', '    case "B":', '        bar = "bob"',
    '    case "C" | "D":', '        bar = p', '    case _:', '        bar = "none"', 'db.execute("SELECT " + bar)',
  ]);
  assert.deepEqual(tainted('a.py', match('B')), []);
  assert.deepEqual(tainted('a.py', match('Z')), []);
  assert.equal(tainted('a.py', match('A')).length, 1);
  assert.equal(tainted('a.py', match('D')).length, 1);
});

test('two-part keys: a config value stored under (section, key) is read back only under the same pair', () => {
  const conf = (read: string) => py(['import configparser', 'c = configparser.ConfigParser()', 'c.add_section("s")', 'c.set("s", "a", request.args.get("q"))', 'c.set("s", "b", "safe")', `db.execute("SELECT " + ${read})`]);
  assert.equal(tainted('a.py', conf('c.get("s", "a")')).length, 1);
  assert.deepEqual(tainted('a.py', conf('c.get("s", "b")')), []);
  // A one-part key read with a default value: `m.get("k", "fallback")`.
  const java = (key: string) => javaHandler(`    java.util.Map<String, String> m = new java.util.HashMap<>();
    m.put("a", request.getParameter("p"));
    s.executeQuery("SELECT " + m.getOrDefault("${key}", "none"));`);
  assert.equal(tainted('H.java', java('a')).length, 1);
  assert.deepEqual(tainted('H.java', java('b')), []);
});

test('a collection used whole carries the taint of anything stored in it, under any key', () => {
  assert.equal(tainted('a.py', py(['d = {}', 'd["a"] = request.args.get("q")', 'd["b"] = "x"', 'db.execute("SELECT {0[b]}".format(d))'])).length, 1);
  assert.deepEqual(tainted('a.py', py(['d = {}', 'd["a"] = "y"', 'd["b"] = "x"', 'db.execute("SELECT {0[b]}".format(d))'])), []);
});

test('C#: a variable declared as an out argument holds what the call found', () => {
  const cs = (condition: string) => `using System.Data.SqlClient;
class C { void M(SqlConnection conn) {
    if (${condition}) {
      var cmd = new SqlCommand("SELECT * FROM t WHERE a = '" + v + "'", conn);
    }
  } }`;
  assert.deepEqual(tainted('C.cs', cs('Request.Query.TryGetValue("q", out var v)')).map((f) => f.trace.map((s) => s.kind)), [['source', 'step', 'sink']]);
  // The sanitizer is the call itself: what it writes out is a number.
  assert.deepEqual(tainted('C.cs', cs('int.TryParse(Request.Query["q"], out var v)')), []);
  assert.deepEqual(tainted('C.cs', cs('Lookup.TryGetValue("q", out var v)')), []);
});

test('methods of the project\'s own classes in other files are summarised: what they return decides', async () => {
  const { makeProject } = await import('../helpers.js');
  const { scanPaths } = await import('../../src/engine/scan.js');
  const helper = `package com.acme.web;
import javax.servlet.http.HttpServletRequest;
public class RequestReader {
  private final HttpServletRequest request;
  public RequestReader(HttpServletRequest request) { this.request = request; }
  public String param(String name) { return request.getParameter(name); }
  public String fixed(String name) { return "constant"; }
  public static String same(String value) { return value; }
}`;
  const handler = (expr: string) => `package com.acme.web;
import javax.servlet.http.*;
public class Handler extends HttpServlet {
  void doPost(HttpServletRequest request, java.sql.Statement s) throws Exception {
    RequestReader reader = new RequestReader(request);
    s.executeQuery("SELECT * FROM t WHERE a = '" + ${expr} + "'");
  }
}`;
  const findingsFor = async (expr: string) => {
    const root = makeProject({ 'src/main/java/com/acme/web/RequestReader.java': helper, 'src/main/java/com/acme/web/Handler.java': handler(expr) });
    const result = await scanPaths({ paths: [join(root, 'src/main/java/com/acme/web/Handler.java')], cwd: root, rules: taintRules.filter((r) => r.id === 'java-sqli-tainted-query'), include: [], exclude: [], maxFileSize: 1_000_000, complexity: false });
    return result.findings.length;
  };
  assert.equal(await findingsFor('reader.param("id")'), 1);
  assert.equal(await findingsFor('reader.fixed("id")'), 0);
  assert.equal(await findingsFor('new com.acme.web.RequestReader(request).fixed("id")'), 0);
  assert.equal(await findingsFor('RequestReader.same(request.getParameter("id"))'), 1);
  assert.equal(await findingsFor('RequestReader.same("id")'), 0);
});

test('tainted data handed to a function whose parameter reaches a sink is reported at the call; a constant is not', () => {
  const body = javaHandler(
    '    run(s, request.getParameter("p"));\n    run(s, "fixed");\n    relay(s, request.getParameter("q"));',
    'static void run(java.sql.Statement s, String v) throws Exception { s.executeQuery("SELECT " + v); }\n  static void relay(java.sql.Statement s, String w) throws Exception { run(s, w.trim()); }',
  );
  const found = tainted('H.java', body).filter((f) => f.trace.length > 0);
  assert.deepEqual(found.map((f) => f.trace.at(-1)!.kind), ['sink', 'sink']);
  // The trace goes from the source through the call into the helper, where the sink is.
  const [first] = found;
  assert.ok(first!.trace.some((s) => s.kind === 'step' && s.line === first!.line));
  assert.ok(first!.trace.at(-1)!.line > first!.line);
});

test('a call is reported only when its argument reaches the sink, not when the function taints the sink from a source of its own', () => {
  const body = (sink: string) =>
    javaHandler('    run(s, request.getParameter("p"), request);', `static void run(java.sql.Statement s, String v, HttpServletRequest r) throws Exception {\n    ${sink}\n    relay(s, r.getParameter("q"), v);\n  }\n  static void relay(java.sql.Statement s, String w, String v) throws Exception { s.executeQuery("SELECT " + w); }`);
  // The sink inside takes the function's own source (reported there, and in the helper it hands it to); the argument goes nowhere.
  assert.deepEqual(tainted('H.java', body('s.executeQuery("SELECT " + r.getParameter("x"));')).map((f) => f.line), [7, 8]);
  assert.deepEqual(tainted('H.java', body('s.executeQuery("SELECT " + v);')).map((f) => f.line), [4, 8]);
});

test('data from a source the rule marks as weaker evidence keeps that confidence when it is handed to a function that reaches a sink', () => {
  const body = javaHandler('    run(s, System.getenv("T"));\n    run(s, request.getParameter("t"));', 'static void run(java.sql.Statement s, String v) throws Exception { s.executeQuery("SELECT " + v); }');
  const findings = analyzeSource('H.java', body, languageForPath('H.java')!, taintRules.filter((r) => r.id === 'java-sqli-tainted-query'), { complexity: false }).findings;
  assert.deepEqual(findings.map((f) => [f.startLine, f.confidence]), [[4, 'low'], [5, 'high']]);
});

test('a sink its own code declares safe with a reasoned suppression is safe for the callers too', () => {
  const body = javaHandler(
    '    run(s, request.getParameter("p"));',
    'static void run(java.sql.Statement s, String v) throws Exception {\n    // loopwarden-ignore java-sqli-tainted-query: v is one of the table names the servlet lists itself\n    s.executeQuery("SELECT * FROM " + v);\n  }',
  );
  assert.deepEqual(tainted('H.java', body).filter((f) => f.trace.length > 0), []);
});

test('C#: a call on a class of another file of the project reaches the sinks of its methods, through a chain of files', async () => {
  const { makeProject } = await import('../helpers.js');
  const { scanPaths } = await import('../../src/engine/scan.js');
  // The caller holds no sink of its own: nothing in it writes a response.
  const handler = (arg: string) => `using System;
class Handler {
  public void Get(System.Web.HttpRequest req, System.Web.HttpResponse resp) {
    string data = Console.ReadLine();
    Relay.Pass(${arg}, resp);
  }
}`;
  const relay = 'class Relay { public static void Pass(string value, System.Web.HttpResponse resp) { Page.Show(value, resp); } }';
  const page = 'class Page { public static void Show(string html, System.Web.HttpResponse resp) { resp.Write("<p>" + html + "</p>"); } }';
  const findingsFor = async (arg: string) => {
    const root = makeProject({ 'Web/Handler.cs': handler(arg), 'Web/Relay.cs': relay, 'Web/Page.cs': page });
    const result = await scanPaths({ paths: [join(root, 'Web/Handler.cs')], cwd: root, rules: taintRules.filter((r) => r.id === 'csharp-xss-external-input'), include: [], exclude: [], maxFileSize: 1_000_000, complexity: false });
    return result.findings.map((f) => f.startLine);
  };
  assert.deepEqual(await findingsFor('data'), [5]);
  assert.deepEqual(await findingsFor('"hello"'), []);
});

test('functions of the project\'s own Python modules are summarised: imported names, module paths, objects they make', async () => {
  const { makeProject } = await import('../helpers.js');
  const { scanPaths } = await import('../../src/engine/scan.js');
  const wrapper = `class wrapper:
    def __init__(self, request):
        self.request = request

    def form(self, name):
        return self.request.form.get(name)

    def fixed(self, name):
        return "constant"


def same(value):
    return value


def nothing(value):
    return "x"
`;
  const handler = (lines: string[]) => ['from flask import request', 'import helpers.web', 'from helpers.web import same, nothing', 'def h(db):', ...lines.map((l) => `    ${l}`), ''].join('\n');
  const findingsFor = async (lines: string[]) => {
    const root = makeProject({ 'helpers/web.py': wrapper, 'app/views.py': handler(lines) });
    const result = await scanPaths({ paths: [join(root, 'app/views.py')], cwd: root, rules: taintRules.filter((r) => r.id === 'python-sqli-tainted-query'), include: [], exclude: [], maxFileSize: 1_000_000, complexity: false });
    return result.findings.length;
  };
  assert.equal(await findingsFor(['w = helpers.web.wrapper(request)', 'db.execute("SELECT " + w.form("id"))']), 1);
  assert.equal(await findingsFor(['w = helpers.web.wrapper(request)', 'db.execute("SELECT " + w.fixed("id"))']), 0);
  assert.equal(await findingsFor(['db.execute("SELECT " + same(request.args.get("id")))']), 1);
  assert.equal(await findingsFor(['db.execute("SELECT " + nothing(request.args.get("id")))']), 0);
  assert.equal(await findingsFor(['db.execute("SELECT " + helpers.web.nothing(request.args.get("id")))']), 0);
});

test('PHP: code outside functions runs as a script, apart from the assignments inside the file\'s functions', () => {
  const page = ['<?php', '$id = $_GET["id"];', 'mysqli_query($db, "SELECT * FROM t WHERE id = $id");', ''].join('\n');
  assert.deepEqual(tainted('a.php', page), [{ line: 3, trace: [{ kind: 'source', line: 2 }, { kind: 'step', line: 2 }, { kind: 'sink', line: 3 }] }]);
  const inFunction = ['<?php', 'function f() { $sql = "SELECT " . $_GET["q"]; return 1; }', 'mysqli_query($db, $sql);', ''].join('\n');
  assert.deepEqual(tainted('a.php', inFunction), []);
});

test('PHP: a value stored under one array key and another read back is not tainted; a key of a source is', () => {
  const store = ['<?php', 'function f($db) {', '  $w = [];', '  $w["a"] = $_GET["q"];', '  $w["b"] = "safe";'];
  assert.deepEqual(tainted('a.php', [...store, '  mysqli_query($db, "SELECT " . $w["b"]);', '}', ''].join('\n')), []);
  assert.deepEqual(tainted('a.php', [...store, '  mysqli_query($db, "SELECT " . $w["a"]);', '}', ''].join('\n')).map((f) => f.line), [6]);
  assert.deepEqual(tainted('a.php', ['<?php', 'mysqli_query($db, "SELECT " . $_POST["name"]);', ''].join('\n')).map((f) => f.line), [2]);
});

test('the condition of a ternary picks the value but is not it; PHP\'s `?:` is its own condition', () => {
  const run = (line: string) => tainted('a.php', ['<?php', 'function f($db) {', `  $v = ${line};`, '  mysqli_query($db, "SELECT " . $v);', '}', ''].join('\n'));
  assert.deepEqual(run('isset($_GET["a"]) ? "x" : "y"'), []);
  assert.equal(run('isset($_GET["a"]) ? $_GET["a"] : "y"').length, 1);
  assert.equal(run('$_GET["a"] ?: "y"').length, 1);
});

test('guards in PHP: an if whose body (PHP names it `body`) ends in exit or die cleans the value after it', () => {
  const pathRules = rules.filter((rule) => rule.id === 'php-path-traversal-tainted');
  const found = (guard: string) => analyzeSource('a.php', ['<?php', '$page = $_GET["page"];', guard, 'include $page;', ''].join('\n'), languageForPath('a.php')!, pathRules, { complexity: false }).findings.length;
  assert.equal(found('if (!in_array($page, ["a.php", "b.php"])) { echo "no"; exit; }'), 0);
  assert.equal(found('if (!in_array($page, ["a.php"])) { die("no"); }'), 0);
  assert.equal(found('if (!in_array($page, ["a.php"])) exit;'), 0);
  assert.equal(found('if (!in_array($page, ["a.php"])) { echo "no"; }'), 1, 'a body that goes on proves nothing');
  assert.equal(found('if (!in_array($page, ["a.php"]) && $strict) { exit; }'), 1, 'nor a check joined by and');
  assert.equal(found('if (!in_array($page, ["a.php"]) && $page != "c.php") { exit; }'), 0, 'unless the other side lets through one named value');
});

test('validators: inside an if whose condition (alone or joined by and) validates an expression, that expression is clean', () => {
  const cmdRules = rules.filter((rule) => rule.id === 'php-cmdi-tainted-command');
  const found = (condition: string, use: string, before = '') =>
    analyzeSource('a.php', ['<?php', '$o = explode(".", $_GET["ip"]);', `if (${condition}) {`, before, `  shell_exec("ping " . ${use});`, '}', ''].join('\n'), languageForPath('a.php')!, cmdRules, { complexity: false }).findings.length;
  assert.equal(found('is_numeric($o[0])', '$o[0]'), 0);
  assert.equal(found('is_numeric($o[0]) && is_numeric($o[1])', '$o[0] . "." . $o[1]'), 0);
  assert.equal(found('is_numeric($o[0])', '$o[1]'), 1, 'another element was not checked');
  assert.equal(found('is_numeric($o[0]) || $x', '$o[0]'), 1, 'a check joined by or may not have held');
  assert.equal(found('!is_numeric($o[0])', '$o[0]'), 1, 'a negated check holds for the bad values');
  assert.equal(found('is_numeric($o[0])', '$o[0]', '  $o = explode(" ", $_GET["q"]);'), 1, 'a value reassigned after the check is new');
});

test('JavaScript: a callback reads the variables of the function around it, as they were assigned there', () => {
  const js = (lines: string[]) => ["const fs = require('fs');", 'function serve(req, res) {', ...lines.map((line) => `  ${line}`), '}', ''].join('\n');
  const file = ['const name = req.query.file;', 'const full = "/srv/" + name;'];
  // Nested callbacks, with an append inside the callback that keeps the captured value.
  const nested = js([...file, 'cache.get(full, function (err) {', "  fs.readFile(full + '.txt', function () {});", '});']);
  assert.deepEqual(tainted('a.js', nested).map((f) => f.line), [6]);
  assert.deepEqual(tainted('a.js', js([...file, 'cache.get(full, () => {', '  let x = full;', "  x += '/index.html';", '  fs.readFile(x, () => {});', '});'])).map((f) => f.line), [8]);
  // A closure that replaces the value, or one whose enclosing function stores a constant, is clean.
  assert.deepEqual(tainted('a.js', js([...file, 'cache.get(full, () => {', "  const full = '/srv/index.html';", '  fs.readFile(full, () => {});', '});'])), []);
  assert.deepEqual(tainted('a.js', js(["const full = '/srv/index.html';", 'cache.get(full, () => {', '  fs.readFile(full, () => {});', '});'])), []);
  // A check in the enclosing function that turns the value away before the callback holds inside it.
  const checked = [...file, "if (full.indexOf('/srv/') !== 0 || full.includes('..')) return;", 'cache.get(full, () => {', '  fs.readFile(full, () => {});', '});'];
  assert.deepEqual(tainted('a.js', js(checked)), []);
  // A parameter of the callback with the same name hides the outer variable.
  assert.deepEqual(tainted('a.js', js([...file, 'cache.get(full, (full) => {', '  fs.readFile(full, () => {});', '});'])), []);
});

test('a source marked with a lower confidence lowers the confidence of the findings its data reaches', () => {
  const spec = (sources: Record<string, unknown>[]) => {
    const rule = { ...taintRules.find((r) => r.id === 'java-sqli-tainted-query')! };
    const base = rule.taint!.java!;
    // The base rule's text conditions belong to its own sources: these are searched unconditionally.
    rule.taint = { java: { ...base, sources, conditions: base.conditions && { ...base.conditions, sources: sources.map(() => null) }, weakerSources: [{ confidence: 'low', rule: sources[1]! }] } };
    return rule;
  };
  const rule = spec([{ pattern: 'request.getParameter($$$)' }, { pattern: 'System.getenv($$$)' }]);
  const body = javaHandler('    String t = System.getenv("T");\n    s.executeQuery("SELECT * FROM " + t);\n    s.executeQuery("SELECT * FROM " + request.getParameter("t"));');
  const findings = analyzeSource('H.java', body, languageForPath('H.java')!, [rule], { complexity: false }).findings;
  assert.deepEqual(findings.map((f) => [f.startLine, f.confidence]), [[5, 'low'], [6, 'high']]);
});

test('a sink that binds no $SINK and is itself a source is judged by what goes into it, not by its own result', () => {
  const open = (arg: string) => `import java.io.*;\nclass R {\n  void r() throws IOException {\n    File f = new File(${arg});\n    FileInputStream in = new FileInputStream(f);\n  }\n}\n`;
  const rule = taintRules.filter((r) => r.id === 'java-path-traversal-tainted');
  const lines = (text: string) => analyzeSource('R.java', text, languageForPath('R.java')!, rule, { complexity: false }).findings.map((f) => f.startLine);
  assert.deepEqual(lines(open('"/etc/app.conf"')), []);
  assert.deepEqual(lines(open('System.getenv("CONF")')), [4, 5]);
});

test('Java: data handed to a method whose parameter reaches a sink is reported at the call, in the file and across project files', async () => {
  const { makeProject } = await import('../helpers.js');
  const { scanPaths } = await import('../../src/engine/scan.js');
  const store = `package com.acme.db;
public class Store {
  public void find(java.sql.Statement s, String name) throws Exception { s.executeQuery("SELECT * FROM t WHERE n = '" + name + "'"); }
  public void log(java.sql.Statement s, String name) throws Exception { s.executeQuery("SELECT 1"); }
}`;
  const relay = `package com.acme.db;
public abstract class Relay { public abstract void pass(java.sql.Statement s, String name) throws Exception; }
class StoreRelay extends Relay {
  public void pass(java.sql.Statement s, String name) throws Exception { new Store().find(s, name); }
}`;
  const handler = (body: string) => `package com.acme.db;
import javax.servlet.http.*;
public class Handler extends HttpServlet {
  private String kept;
  void doPost(HttpServletRequest request, java.sql.Statement s) throws Exception {
    String name = request.getParameter("n");
${body}
  }
  private void run(java.sql.Statement s, String q) throws Exception { s.execute(q); }
  private void runKept(java.sql.Statement s) throws Exception { s.execute(kept); }
}`;
  const linesFor = async (body: string) => {
    const root = makeProject({ 'src/com/acme/db/Store.java': store, 'src/com/acme/db/StoreRelay.java': relay, 'src/com/acme/db/Handler.java': handler(body) });
    const result = await scanPaths({ paths: [join(root, 'src/com/acme/db/Handler.java')], cwd: root, rules: taintRules.filter((r) => r.id === 'java-sqli-tainted-query'), include: [], exclude: [], maxFileSize: 1_000_000, complexity: false });
    return result.findings.map((f) => f.startLine);
  };
  // A method of this file, one of another file (a parenthesised `new` receiver), one reached through another class.
  assert.deepEqual(await linesFor('    run(s, "SELECT " + name);'), [7]);
  assert.deepEqual(await linesFor('    run(s, "SELECT 1");'), []);
  assert.deepEqual(await linesFor('    (new Store()).find(s, name);'), [7]);
  assert.deepEqual(await linesFor('    (new Store()).log(s, name);'), []);
  assert.deepEqual(await linesFor('    Relay relay = new StoreRelay();\n    relay.pass(s, name);'), [8]);
  // Through an array element, a member of a local object, and a field another method reads.
  assert.deepEqual(await linesFor('    String[] parts = new String[2];\n    parts[1] = name;\n    run(s, parts[1]);'), [9]);
  assert.deepEqual(await linesFor('    String[] parts = new String[2];\n    parts[1] = name;\n    parts[0] = "x";\n    run(s, parts[0]);'), []);
  assert.deepEqual(await linesFor('    Holder h = new Holder();\n    h.value = name;\n    run(s, h.value);'), [9]);
  assert.deepEqual(await linesFor('    kept = name;\n    runKept(s);'), [11]);
  assert.deepEqual(await linesFor('    kept = "fixed";\n    runKept(s);'), []);
});
