import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeData, escapeProperty } from '../../src/report/github.js';

// The expected strings are those of @actions/core's own tests (packages/core/__tests__/command.test.ts).
test('messages are escaped as @actions/core escapes them: % first, then CR and LF', () => {
  assert.equal(escapeData('percent % percent % cr \r cr \r lf \n lf \n'), 'percent %25 percent %25 cr %0D cr %0D lf %0A lf %0A');
  assert.equal(escapeData('%25 %25 %0D %0D %0A %0A'), '%2525 %2525 %250D %250D %250A %250A');
  assert.equal(escapeData('colon : comma ,'), 'colon : comma ,');
});

test('property values are escaped as @actions/core escapes them: also : and ,', () => {
  assert.equal(
    escapeProperty('percent % percent % cr \r cr \r lf \n lf \n colon : colon : comma , comma ,'),
    'percent %25 percent %25 cr %0D cr %0D lf %0A lf %0A colon %3A colon %3A comma %2C comma %2C',
  );
  assert.equal(escapeProperty('%25 %3A %2C'), '%2525 %253A %252C');
});
