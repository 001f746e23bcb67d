import { BUILTIN_RULES_DIR, loadRules } from './load.js';
import { RULE_PACK_PATH, writeRulePack } from './rule-pack.js';
import { describeUserFacingError } from '../errors.js';

// Build step: validate every built-in rule and compile them into one JSON file the CLI loads at start.
try {
  const rules = loadRules([BUILTIN_RULES_DIR]);
  writeRulePack(rules);
  process.stdout.write(`rule pack: ${rules.length} rules → ${RULE_PACK_PATH}\n`);
} catch (error) {
  process.stderr.write(`${describeUserFacingError(error) ?? String(error)}\n`);
  process.exitCode = 1;
}
