import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyHunks, parsePatch } from '../../src/hooks/apply-patch.js';

const ORIGINAL = ['import os', '', 'def find(cursor, name):', '    return cursor.execute("SELECT 1")', '', 'def other():', '    return 2', ''].join('\n');

test('parsePatch reads add, delete, update with a move, hunks and the end-of-file marker', () => {
  const patch = [
    '*** Begin Patch',
    '*** Add File: app/new.py',
    '+x = 1',
    '+y = 2',
    '*** Delete File: old.py',
    '*** Update File: app/db.py',
    '*** Move to: app/store.py',
    '@@ def find(cursor, name):',
    '-    return cursor.execute("SELECT 1")',
    '+    return cursor.execute("SELECT 2")',
    '@@',
    ' def other():',
    '-    return 2',
    '+    return 3',
    '*** End of File',
    '*** End Patch',
  ].join('\n');
  assert.deepEqual(parsePatch(patch), [
    { kind: 'add', path: 'app/new.py', content: 'x = 1\ny = 2\n' },
    { kind: 'delete', path: 'old.py' },
    {
      kind: 'update',
      path: 'app/db.py',
      moveTo: 'app/store.py',
      hunks: [
        { anchor: 'def find(cursor, name):', lines: [{ kind: '-', text: '    return cursor.execute("SELECT 1")' }, { kind: '+', text: '    return cursor.execute("SELECT 2")' }], endOfFile: false },
        { lines: [{ kind: ' ', text: 'def other():' }, { kind: '-', text: '    return 2' }, { kind: '+', text: '    return 3' }], endOfFile: true },
      ],
    },
  ]);
});

test('parsePatch answers undefined for a text that is not a whole patch', () => {
  assert.equal(parsePatch('echo hello'), undefined);
  assert.equal(parsePatch('*** Begin Patch\n*** Add File: a.py\n+x\n'), undefined, 'no End Patch');
  assert.equal(parsePatch('*** Begin Patch\nrm -rf /\n*** End Patch'), undefined, 'an unknown line between files');
  assert.deepEqual(parsePatch('*** Begin Patch\r\n*** Delete File: a.py\r\n*** End Patch\r\n'), [{ kind: 'delete', path: 'a.py' }]);
});

test('applyHunks applies hunks in order, after their anchor line', () => {
  const operations = parsePatch(
    ['*** Begin Patch', '*** Update File: db.py', '@@ def find(cursor, name):', '-    return cursor.execute("SELECT 1")', '+    return cursor.execute("SELECT " + name)', '@@ def other():', '-    return 2', '+    return 3', '*** End Patch'].join('\n'),
  )!;
  const update = operations[0]!;
  assert.equal(update.kind, 'update');
  assert.equal(
    applyHunks(ORIGINAL, update.kind === 'update' ? update.hunks : []),
    ['import os', '', 'def find(cursor, name):', '    return cursor.execute("SELECT " + name)', '', 'def other():', '    return 3', ''].join('\n'),
  );
});

test('applyHunks: a hunk whose lines are not there makes the result unknown', () => {
  const missing = [{ lines: [{ kind: '-' as const, text: 'not in the file' }, { kind: '+' as const, text: 'x' }], endOfFile: false }];
  assert.equal(applyHunks(ORIGINAL, missing), undefined);
  const badAnchor = [{ anchor: 'def nowhere():', lines: [{ kind: '+' as const, text: 'x' }], endOfFile: false }];
  assert.equal(applyHunks(ORIGINAL, badAnchor), undefined);
  // Hunks apply in order: a second hunk cannot match above the first.
  const backwards = [
    { lines: [{ kind: ' ' as const, text: 'def other():' }], endOfFile: false },
    { lines: [{ kind: '-' as const, text: 'import os' }], endOfFile: false },
  ];
  assert.equal(applyHunks(ORIGINAL, backwards), undefined);
});

test('applyHunks: end of file, added-only hunks and whitespace-tolerant matching', () => {
  const atEnd = [{ lines: [{ kind: '-' as const, text: '    return 2' }, { kind: '+' as const, text: '    return 4' }], endOfFile: true }];
  assert.match(applyHunks(ORIGINAL, atEnd)!, /return 4\n$/);
  const notAtEnd = [{ lines: [{ kind: '-' as const, text: 'import os' }], endOfFile: true }];
  assert.equal(applyHunks(ORIGINAL, notAtEnd), undefined);
  assert.equal(applyHunks('a\n', [{ lines: [{ kind: '+' as const, text: 'b' }], endOfFile: false }]), 'a\nb\n');
  assert.equal(applyHunks('a  \nb\n', [{ lines: [{ kind: '-' as const, text: 'a' }, { kind: '+' as const, text: 'c' }], endOfFile: false }]), 'c\nb\n');
});
