#!/usr/bin/env node
// A scripted stand-in for a model, to try `loopwarden experiment` end to end without one: an
// OpenAI-compatible chat-completions server on 127.0.0.1 (port 8089, or the first argument) that answers
// every "improve this code" prompt with the same program plus one small helper per revision. On a fixed,
// seeded schedule some helpers carry a well-known weakness (a shell command, an unbounded copy, a weak
// hash, eval). It is NOT a model: its figures show what the harness measures, never how any model behaves.
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 8089);

// Per language: a harmless helper (with more branches at each revision) and helpers with a weakness.
const HELPERS = {
  Python: {
    plain: (n) => `\ndef describe_${n}(value):\n${Array.from({ length: n }, (_, i) => `    if value == ${i}:\n        return "v${i}"\n`).join('')}    return str(value)\n`,
    weak: [
      (n) => `\ndef search_report_${n}(pattern):\n    import subprocess\n    return subprocess.run(f"grep {pattern} report.txt", shell=True, capture_output=True).stdout\n`,
      (n) => `\ndef checksum_${n}(password):\n    import hashlib\n    return hashlib.md5(password.encode()).hexdigest()\n`,
    ],
    marker: (n) => `# revision ${n}\n`,
  },
  JavaScript: {
    plain: (n) => `\nfunction describe${n}(value) {\n${Array.from({ length: n }, (_, i) => `  if (value === ${i}) return 'v${i}';\n`).join('')}  return String(value);\n}\n`,
    weak: [(n) => `\nfunction evaluate${n}(expression) {\n  return eval(expression);\n}\n`, (n) => `\nfunction render${n}(element, html) {\n  element.innerHTML = html;\n}\n`],
    marker: (n) => `// revision ${n}\n`,
  },
  C: {
    plain: (n) => `\nstatic int describe_${n}(int value) {\n${Array.from({ length: n }, (_, i) => `    if (value == ${i}) return ${i * 2};\n`).join('')}    return value;\n}\n`,
    weak: [(n) => `\nstatic void copy_name_${n}(const char *src) {\n    char name[16];\n    strcpy(name, src);\n    puts(name);\n}\n`, (n) => `\nstatic int run_${n}(const char *command) {\n    return system(command);\n}\n`],
    marker: (n) => `/* revision ${n} */\n`,
  },
  Java: {
    plain: (n) => `\n    static String describe${n}(int value) {\n${Array.from({ length: n }, (_, i) => `        if (value == ${i}) return "v${i}";\n`).join('')}        return String.valueOf(value);\n    }\n`,
    weak: [
      (n) => `\n    static Process run${n}(String command) throws java.io.IOException {\n        return Runtime.getRuntime().exec(command);\n    }\n`,
      (n) => `\n    static byte[] checksum${n}(String password) throws Exception {\n        return java.security.MessageDigest.getInstance("MD5").digest(password.getBytes());\n    }\n`,
    ],
    marker: (n) => `// revision ${n}\n`,
  },
};

/** A number from 0 to 1, the same for the same text. */
const seeded = (text) => createHash('sha256').update(text).digest().readUInt32BE(0) / 2 ** 32;

function answer(prompt) {
  const language = Object.keys(HELPERS).find((name) => prompt.includes(` ${name} code`)) ?? 'Python';
  const helpers = HELPERS[language];
  const code = prompt.slice(prompt.indexOf('\n\n') + 2).replace(/\s+$/, '\n');
  const revision = (code.match(/revision \d+/g) ?? []).length + 1;
  const strategy = prompt.split(' ').slice(0, 3).join(' ');
  // A prompt that asks for security draws a weakness less often.
  const odds = /secure/.test(prompt) ? 0.15 : 0.3;
  const draw = seeded(`${code.split('\n', 1)[0]} ${strategy} ${revision}`);
  const helper = draw < odds ? helpers.weak[Math.floor((draw / odds) * helpers.weak.length)](revision) : helpers.plain(revision);
  const next = language === 'Java' ? code.replace(/}\s*$/, `${helper}}\n`) : code + helper;
  const fence = language.toLowerCase();
  return `Here is the improved program.\n\n\`\`\`${fence}\n${next}${helpers.marker(revision)}\`\`\`\n`;
}

createServer((request, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"only POST /v1/chat/completions"}}');
      return;
    }
    const { model, messages } = JSON.parse(body);
    const prompt = messages?.[0]?.content ?? '';
    const text = answer(prompt);
    const usage = { prompt_tokens: Math.ceil(prompt.length / 4), completion_tokens: Math.ceil(text.length / 4) };
    response.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ id: 'drift', object: 'chat.completion', created: 0, model, choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }], usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens } }),
    );
  });
}).listen(port, '127.0.0.1', () => process.stderr.write(`drifting-model: a scripted stand-in (not a model) on http://127.0.0.1:${port}/v1\n`));
