import { readdirSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { parse } from '@ast-grep/napi';
import { UserError } from '../errors.js';
import { readYamlFile } from '../input/yaml-file.js';
import { languageById, registerParsers } from '../languages/registry.js';
import type { LanguageSpec } from '../languages/language.js';
import type { Confidence } from '../findings/finding.js';
import { DEFAULT_SECURITY_SEVERITY, type Rule } from './rule.js';
import { ruleFileSchema, type RuleFile } from './rule-file-schema.js';
import { anyOf, textConditionOf, textConditionsOf } from './text-condition.js';
import { asciiRegexesIn } from './ascii-regex.js';
export { BUILTIN_RULES_DIR } from './rule-pack.js';


/** A rule file and the example file beside it (undefined when missing). */
export interface RuleLocation {
  rulePath: string;
  examplePath: string | undefined;
}

/** Lists every rule file under `dir`, each with its example file. */
export function findRuleFiles(dir: string): RuleLocation[] {
  let isDirectory = false;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    throw new UserError(`${dir}: rules directory does not exist`);
  }
  if (!isDirectory) throw new UserError(`${dir}: rules path is not a directory`);
  const found: RuleLocation[] = [];
  const visit = (current: string): void => {
    const entries = readdirSync(current, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    const names = new Set(entries.map((entry) => entry.name));
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.ya?ml$/.test(entry.name)) {
        const stem = entry.name.replace(/\.ya?ml$/, '');
        const example = [...names].find((name) => name.startsWith(`${stem}.`) && !/\.ya?ml$/.test(name));
        found.push({ rulePath: path, examplePath: example ? join(current, example) : undefined });
      }
    }
  };
  visit(dir);
  return found;
}

/** Loads and validates every rule under the given directories; a malformed rule is a UserError. */
export function loadRules(dirs: string[]): Rule[] {
  const rules: Rule[] = [];
  const seenIds = new Map<string, string>();
  for (const dir of dirs) {
    for (const { rulePath } of findRuleFiles(dir)) {
      const rule = loadRuleFile(rulePath);
      const previous = seenIds.get(rule.id);
      if (previous) throw new UserError(`${rulePath}: field 'id': '${rule.id}' is already defined in ${previous}`);
      seenIds.set(rule.id, rulePath);
      rules.push(rule);
    }
  }
  return rules;
}

/** Loads one rule file, checking its schema, its file name and that ast-grep accepts its matcher. */
export function loadRuleFile(path: string): Rule {
  registerParsers();
  const file: RuleFile = readYamlFile(path, ruleFileSchema, 'rule file');
  const stem = basename(path).replace(/\.ya?ml$/, '');
  if (stem !== file.id) throw new UserError(`${path}: field 'id': '${file.id}' must match the file name '${stem}'`);
  const matchers: Rule['matchers'] = {};
  const sanitizers: Rule['sanitizers'] = {};
  const guards: Rule['guards'] = {};
  const validators: Rule['validators'] = {};
  const taint: NonNullable<Rule['taint']> = {};
  // A taint rule's matcher finds its sinks; the taint engine then asks whether `$SINK` carries a source.
  const ruleBody = file.rule ?? { any: file.taint!.sinks };
  const utils = file.utils ?? {};
  const taintConditions = file.taint
    ? { sources: textConditionsOf(file.taint.sources, utils), sanitizers: textConditionsOf(file.taint.sanitizers, utils), guards: textConditionsOf(file.taint.guards, utils) }
    : undefined;
  for (const languageId of file.languages) {
    const language = languageById(languageId)!;
    const rewrite = (value: unknown) => asciiRegexesIn(rewritePatterns(value, language));
    const matcher = {
      rule: rewrite(ruleBody) as Record<string, unknown>,
      constraints: rewrite(file.constraints) as Record<string, unknown> | undefined,
      utils: rewrite(file.utils) as Record<string, unknown> | undefined,
    };
    matchers[languageId] = matcher;
    if (file.taint) {
      // A source may say it is weaker evidence than the rule's own (`confidence: low`): a rule, not an ast-grep key.
      const sources = file.taint.sources.map(({ confidence, ...r }) => ({ confidence, rule: rewrite(r) as Record<string, unknown> }));
      const weaker = sources.filter((s): s is { confidence: Confidence; rule: Record<string, unknown> } => typeof s.confidence === 'string');
      taint[languageId] = {
        sources: sources.map((s) => s.rule),
        ...(weaker.length > 0 ? { weakerSources: weaker } : {}),
        sanitizers: file.taint.sanitizers.map((r) => rewrite(r) as Record<string, unknown>),
        propagators: file.taint.propagators,
        guards: file.taint.guards.map((r) => rewrite(r) as Record<string, unknown>),
        validators: file.taint.validators.map((r) => rewrite(r) as Record<string, unknown>),
        // From the rule as written: a rewritten pattern is wrapped in code the file need not hold.
        conditions: taintConditions,
      };
    }
    sanitizers[languageId] = (file.sanitizers ?? []).map((s) => rewrite(s) as Record<string, unknown>);
    guards[languageId] = (file.guards ?? []).map((s) => rewrite(s) as Record<string, unknown>);
    validators[languageId] = (file.validators ?? []).map((s) => rewrite(s) as Record<string, unknown>);
    try {
      // Compiling against an empty file makes ast-grep report unknown kinds, bad patterns and bad keys.
      const root = parse(language.parserName as never, '').root();
      root.findAll(matcher as never);
      for (const sanitizer of [...sanitizers[languageId]!, ...guards[languageId]!, ...validators[languageId]!]) root.findAll({ rule: sanitizer } as never);
      const spec = taint[languageId];
      for (const extra of [...(spec?.sources ?? []), ...(spec?.sanitizers ?? []), ...(spec?.guards ?? []), ...(spec?.validators ?? [])]) root.findAll({ rule: extra } as never);
    } catch (error) {
      const reason = String((error as Error).message ?? error).split('\n')[0];
      throw new UserError(`${path}: field 'rule': ast-grep rejects it for ${languageId}: ${reason}`);
    }
  }
  return {
    id: file.id,
    languages: file.languages,
    cwe: file.cwe.map((cwe) => (typeof cwe === 'number' ? `CWE-${cwe}` : cwe)),
    severity: file.severity,
    securitySeverity: file['security-severity'] ?? DEFAULT_SECURITY_SEVERITY[file.severity],
    confidence: file.confidence,
    message: file.message.trim(),
    fix: file.fix.trim(),
    references: file.references,
    matchers,
    valueConditions: file.metavariables ?? {},
    sanitizers,
    guards,
    validators,
    ...(file.taint ? { taint } : {}),
    condition: textConditionOf(ruleBody, utils),
    ...(Array.isArray(ruleBody.any) && ruleBody.any.length > 1 ? { branchConditions: textConditionsOf(ruleBody.any, utils) } : {}),
    ...(taintConditions ? { sourceCondition: anyOf(taintConditions.sources) } : {}),
    sanitizerConditions: textConditionsOf(file.sanitizers ?? [], utils),
    guardConditions: textConditionsOf(file.guards ?? [], utils),
    sourcePath: relative(process.cwd(), path) || path,
  };
}

function rewritePatterns(value: unknown, language: LanguageSpec): unknown {
  if (!language.rewritePattern || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => rewritePatterns(item, language));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      if (key === 'pattern' && typeof item === 'string') return [key, language.rewritePattern!(item) ?? item];
      return [key, rewritePatterns(item, language)];
    }),
  );
}

