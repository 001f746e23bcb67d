import { test } from 'node:test';
import assert from 'node:assert/strict';
import { firstSentence } from '../../src/report/concise.js';

// Messages as our rules write them (folded YAML), chosen for the ways a naive split goes wrong.
test('firstSentence stops at the first full stop before the next sentence', () => {
  assert.equal(
    firstSentence('Shell command built from non-constant parts. child_process.exec and execSync run the string through a shell.'),
    'Shell command built from non-constant parts.',
  );
  assert.equal(
    firstSentence('TLS certificate or host name verification is switched off. Anyone on the network path can impersonate the server.'),
    'TLS certificate or host name verification is switched off.',
  );
});

test('firstSentence keeps abbreviations, quoted code and dotted names inside the sentence', () => {
  assert.equal(
    firstSentence('A value from the random module becomes a cookie or session value (through the steps shown in the trace),\ne.g. a remember-me token. Mersenne Twister output can be reconstructed.'),
    'A value from the random module becomes a cookie or session value (through the steps shown in the trace), e.g. a remember-me token.',
  );
  assert.equal(
    firstSentence("SQL built with format! or + from non-constant parts and run through sqlx, rusqlite, postgres or diesel's sql_query. Whoever controls those parts can change the query."),
    "SQL built with format! or + from non-constant parts and run through sqlx, rusqlite, postgres or diesel's sql_query.",
  );
  assert.equal(
    firstSentence('Math.random() is not cryptographically secure: its output can be predicted from earlier outputs.'),
    'Math.random() is not cryptographically secure: its output can be predicted from earlier outputs.',
  );
});

test('firstSentence returns a message without a full stop whole, on one line', () => {
  assert.equal(firstSentence('  legacy_call is deprecated\n  and unsafe  '), 'legacy_call is deprecated and unsafe');
  assert.equal(firstSentence('Is this safe? No: it is not.'), 'Is this safe?');
});
