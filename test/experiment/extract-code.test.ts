import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCode } from '../../src/experiment/extract-code.js';
import { promptFor, BUILTIN_STRATEGIES } from '../../src/experiment/strategies.js';

test('the program is the longest block tagged with its language, else the longest untagged one', () => {
  const answer = [
    'Here is a faster version:',
    '```bash',
    'pip install ujson',
    '```',
    '```python',
    'import ujson',
    '```',
    '```py',
    'import ujson',
    '',
    'def load(path):',
    '    return ujson.load(open(path))',
    '```',
    'Done.',
  ].join('\n');
  assert.deepEqual(extractCode(answer, 'python'), { code: 'import ujson\n\ndef load(path):\n    return ujson.load(open(path))\n' });
  assert.deepEqual(extractCode('Sure.\n~~~~\nint main(void) { return 0; }\n~~~~\n', 'c'), { code: 'int main(void) { return 0; }\n' });
  // A block containing a shorter fence (a Markdown sample inside the code) closes only at its own fence.
  assert.deepEqual(extractCode('````js\nconst md = "```x```";\n````\n', 'javascript'), { code: 'const md = "```x```";\n' });
  assert.deepEqual(extractCode('\r\n```java\r\nclass A {}\r\n```\r\n', 'java'), { code: 'class A {}\n' });
});

test('an answer without a fenced program, or with only other languages, has no code', () => {
  assert.deepEqual(extractCode('I cannot help with that.', 'python'), { problem: 'no-code' });
  assert.deepEqual(extractCode('```json\n{"a": 1}\n```', 'python'), { problem: 'no-code' });
  assert.deepEqual(extractCode('```python\n\n```', 'python'), { problem: 'no-code' });
  assert.deepEqual(extractCode('```python\nprint(1)\n', 'python'), { problem: 'no-code' }, 'an unclosed fence is a cut-off answer');
});

test('a prompt fills the code and the language once, leaving braces in the code alone', () => {
  const code = 'print("{code} and {language}")\n';
  assert.equal(promptFor({ name: 'x', prompt: 'Fix this {language}:\n{code}' }, code, 'python'), `Fix this python:\n${code}`);
  for (const prompt of Object.values(BUILTIN_STRATEGIES)) assert.ok(prompt.includes('{code}') && prompt.includes('{language}'));
});
