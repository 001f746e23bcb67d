import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeSource } from '../../src/engine/scan-file.js';
import { languageForPath } from '../../src/languages/registry.js';
import { BUILTIN_RULES_DIR, loadRules } from '../../src/rules/load.js';

// The rule's example file cannot show its file-wide exemption beside the findings it proves: here it is.
const cbc = loadRules([BUILTIN_RULES_DIR]).filter((rule) => rule.id === 'php-crypto-unauthenticated-cbc');
const found = (source: string) => analyzeSource('a.php', source, languageForPath('a.php')!, cbc, { complexity: false }).findings.length;

test('unauthenticated CBC: a file that MACs its ciphertext (encrypt-then-MAC) is not reported', () => {
  const encrypt = "$c = openssl_encrypt($p, 'aes-256-cbc', $k, OPENSSL_RAW_DATA, $iv);";
  assert.equal(found(`<?php\n${encrypt}\n`), 1);
  assert.equal(found(`<?php\n${encrypt}\n$mac = hash_hmac('sha256', $iv . $c, $macKey, true);\n`), 0);
  assert.equal(found("<?php\n$name = 'aes-256-cbc';\n"), 0, 'a cipher name with no OpenSSL call in the file');
});
