import type { SyntaxNode } from '../languages/language.js';
import { compileMetavariableRegex, type AstGrepMatcher, type Rule } from '../rules/rule.js';
import { prefilterSource, requiredWords } from '../rules/prefilter.js';
import type { ParsedFile } from './parse.js';
import { classifyValue, startFile } from './value.js';
import { checkBound, hasOrigin, isSignedSizeRisk, startBoundsFile } from './bounds.js';
import { TaintFileContext, TaintTracker, sourceConfidence, type SinkSearch, type TaintSpec, type TaintStep } from './taint.js';
import { CONFIDENCES, type Confidence } from '../findings/finding.js';
import type { ProjectContext } from './project.js';
import { activeBudget } from './budget.js';

/** One place where a rule matched, before it becomes a Finding. */
export interface RuleMatch {
  rule: Rule;
  node: SyntaxNode;
  /** For taint rules: source → steps → sink. */
  trace?: TaintStep[];
  /**
   * Lower than the rule's when its data comes only from the callers (parameters, the object's fields), or
   * from a source the rule marks as weaker evidence (the environment, a file, the database).
   */
  confidence?: Confidence;
}

/** Returns the rules that apply to this file's language and whose required words occur in its text. */
export function applicableRules(parsed: Pick<ParsedFile, 'language' | 'text'>, rules: Rule[]): Rule[] {
  return rules.filter((rule) => {
    if (!rule.languages.includes(parsed.language.id)) return false;
    if (rule.sourcePrefilter !== undefined && !regexOf(rule.sourcePrefilter).test(parsed.text)) return false;
    return rule.prefilter === undefined || regexOf(rule.prefilter).test(parsed.text);
  });
}

const compiledPrefilters = new Map<string, RegExp>();
const compiledConditions = new Map<string, RegExp>();

function regexOfCondition(source: string): RegExp {
  let regex = compiledConditions.get(source);
  if (!regex) {
    regex = compileMetavariableRegex(source);
    compiledConditions.set(source, regex);
  }
  return regex;
}

function regexOf(source: string): RegExp {
  let regex = compiledPrefilters.get(source);
  if (!regex) {
    regex = new RegExp(source, 'i');
    compiledPrefilters.set(source, regex);
  }
  return regex;
}

/** Runs every applicable rule over a parsed file, applying the rules' metavariable value conditions. */
export function matchRules(parsed: ParsedFile, rules: Rule[], project?: ProjectContext): RuleMatch[] {
  startFile();
  startBoundsFile();
  const matches: RuleMatch[] = [];
  const taintFile = new TaintFileContext(parsed.root, parsed.language, project);
  const budget = activeBudget();
  const applicable = applicableRules(parsed, rules);
  for (const rule of applicable) {
    budget.checkTime();
    const seen = new Set<string>();
    const matcher = narrowedMatcher(rule, parsed);
    if (!matcher) continue;
    const taintSpec = rule.taint?.[parsed.language.id];
    const tracker = taintSpec ? new TaintTracker(taintSpec, taintFile) : undefined;
    // A taint rule whose sources occur nowhere in the file has nothing to report: skip its sink search.
    if (tracker && !tracker.canTaint()) continue;
    let sanitizedIds: Set<number> | undefined;
    const originSpec = { sources: [], sanitizers: rule.sanitizers[parsed.language.id] ?? [], guards: rule.guards?.[parsed.language.id] ?? [], propagators: ORIGIN_PROPAGATORS, unknownIsSource: true };
    let origin: TaintTracker | undefined;
    let fromCallers: TaintTracker | undefined;
    for (const node of parsed.root.findAll(matcher)) {
      budget.visit();
      let fromCallersOnly = false;
      if (Object.keys(rule.valueConditions).length > 0) {
        sanitizedIds ??= taintFile.idsMatching(originSpec.sanitizers);
        if (!satisfiesValueConditions(node, rule, parsed, sanitizedIds)) continue;
        // A string that only looks built: every part is accounted for by local facts (a constant stored in a
        // list or map and read back, a dead branch, a helper that returns a constant).
        origin ??= new TaintTracker(originSpec, taintFile);
        if (!builtPartsUnexplained(node, rule, origin)) continue;
        // Parts that only the callers decide (parameters, the object's fields): this function cannot tell a
        // library API whose purpose is the sink from an injection, so the rule's high confidence drops to
        // medium. It still gates: a query or shell line built from a parameter has a safe form to use instead.
        if (rule.confidence === 'high') {
          fromCallers ??= new TaintTracker({ ...originSpec, callersExplained: true }, taintFile);
          if (!builtPartsUnexplained(node, rule, fromCallers)) fromCallersOnly = true;
        }
      }
      let trace: TaintStep[] | undefined;
      let limit: Confidence | undefined = fromCallersOnly ? 'medium' : undefined;
      if (tracker) {
        const bound = node.getMatch('SINK');
        const path = (bound ? tracker.taintOf(bound) : tracker.taintOfSink(node)) ?? otherSinkPositions(node, matcher, tracker);
        if (!path) continue;
        limit = lowerConfidence(limit ?? 'high', sourceConfidence(path, taintSpec!)) ?? limit;
        const { start } = node.range();
        trace = [...path, { kind: 'sink', line: start.line + 1, column: start.column + 1, text: node.text().split('\n')[0]!.trim().slice(0, 120) }];
      }
      const { start, end } = node.range();
      const key = `${start.index}:${end.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const confidence = lowerConfidence(rule.confidence, limit);
      matches.push({ rule, node, ...(trace ? { trace } : {}), ...(confidence && confidence !== rule.confidence ? { confidence } : {}) });
    }
    // Followed into callees where methods resolve by class (Java); elsewhere measured first.
    if (tracker && parsed.language.classFileCandidates) matches.push(...callsIntoSinks(rule, tracker, taintSpec!, parsed, seen));
  }
  // A Java file may hold a rule's sources and hand their data to a method of another file that holds its
  // sinks. Only when it calls into the project at all: a source search can cost as much as the sink search.
  const sourcesOnly = project && parsed.language.classFileCandidates ? taintRulesWithSourcesOnly(parsed, rules, applicable) : [];
  for (const rule of sourcesOnly) {
    budget.checkTime();
    const taintSpec = rule.taint![parsed.language.id]!;
    const tracker = new TaintTracker(taintSpec, taintFile);
    if (!tracker.callsIntoProject()) break;
    if (tracker.canTaint()) matches.push(...callsIntoSinks(rule, tracker, taintSpec, parsed, new Set()));
  }
  return matches;
}

const sinkSearches = new WeakMap<Rule, Map<string, SinkSearch>>();

/** How to find a rule's sinks in other files of the project, one object per rule and language (it keys caches). */
function sinkSearchOf(rule: Rule, languageId: ParsedFile['language']['id']): SinkSearch | undefined {
  const matcher = rule.matchers[languageId];
  if (!matcher) return undefined;
  let byLanguage = sinkSearches.get(rule);
  if (!byLanguage) sinkSearches.set(rule, (byLanguage = new Map()));
  let search = byLanguage.get(languageId);
  if (!search) {
    const words = rule.prefilter === undefined ? undefined : regexOf(rule.prefilter);
    search = { sinksIn: (root) => root.findAll(matcher), mayHold: (text) => words === undefined || words.test(text) };
    byLanguage.set(languageId, search);
  }
  return search;
}

/** Taint rules of the file's language left out for lacking sink words, whose sources the file does hold. */
function taintRulesWithSourcesOnly(parsed: ParsedFile, rules: Rule[], applicable: Rule[]): Rule[] {
  const taken = new Set(applicable);
  return rules.filter((rule) => !taken.has(rule) && rule.taint?.[parsed.language.id] && rule.languages.includes(parsed.language.id) && (rule.sourcePrefilter === undefined || regexOf(rule.sourcePrefilter).test(parsed.text)));
}

/**
 * Calls that hand a rule's source data to a function whose parameter reaches one of the rule's sinks (in
 * this file or a project file): reported at the call, the trace ending at the sink it leads to.
 */
function callsIntoSinks(rule: Rule, tracker: TaintTracker, spec: TaintSpec, parsed: ParsedFile, seen: Set<string>): RuleMatch[] {
  const found: RuleMatch[] = [];
  const search = sinkSearchOf(rule, parsed.language.id);
  if (!search) return found;
  for (const { call, path, sink } of tracker.callsIntoSinks(search)) {
    const { start, end } = call.range();
    const key = `${start.index}:${end.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const at = sink.range().start;
    const trace: TaintStep[] = [
      ...path,
      { kind: 'sink', line: start.line + 1, column: start.column + 1, text: `${call.text().split('\n')[0]!.trim().slice(0, 60)} → ${sink.text().split('\n')[0]!.trim().slice(0, 60)} (line ${at.line + 1})` },
    ];
    const confidence = lowerConfidence(rule.confidence, sourceConfidence(path, spec));
    found.push({ rule, node: call, trace, ...(confidence && confidence !== rule.confidence ? { confidence } : {}) });
  }
  return found;
}

/** The lower of a rule's confidence and the one its match's evidence allows, or undefined when there is no limit. */
function lowerConfidence(ruleConfidence: Confidence, limit: Confidence | undefined): Confidence | undefined {
  if (!limit) return undefined;
  return CONFIDENCES.indexOf(limit) > CONFIDENCES.indexOf(ruleConfidence) ? limit : ruleConfidence;
}

const narrowedMatchers = new Map<string, AstGrepMatcher | null>();

/** The rule's matcher without the `any` branches whose words this file lacks (ast-grep cost is per branch). */
function narrowedMatcher(rule: Rule, parsed: ParsedFile): AstGrepMatcher | undefined {
  const matcher = rule.matchers[parsed.language.id];
  if (!matcher || !rule.branchPrefilters) return matcher;
  const keep = rule.branchPrefilters.map((source) => source == null || regexOf(source).test(parsed.text));
  if (keep.every(Boolean)) return matcher;
  const key = `${rule.id}:${parsed.language.id}:${keep.map((k) => (k ? 1 : 0)).join('')}`;
  let narrowed = narrowedMatchers.get(key);
  if (narrowed === undefined) {
    const branches = (matcher.rule.any as unknown[]).filter((_, index) => keep[index]);
    if (branches.length === 0) narrowed = null;
    else {
      const text = JSON.stringify(branches) + JSON.stringify(matcher.utils ?? {});
      // Constraints on metavariables that no remaining branch binds would make ast-grep refuse the rule.
      const constraints = matcher.constraints
        ? Object.fromEntries(Object.entries(matcher.constraints).filter(([name]) => new RegExp(`\\$${name}\\b`).test(text)))
        : undefined;
      narrowed = { ...matcher, rule: { ...matcher.rule, any: branches }, constraints: constraints && Object.keys(constraints).length ? constraints : undefined };
    }
    narrowedMatchers.set(key, narrowed);
  }
  return narrowed ?? undefined;
}

// Calls that store their argument in the receiver, across languages' collections and builders.
const ORIGIN_PROPAGATORS = [
  ...['append', 'add', 'push', 'insert', 'extend', 'addAll', 'unshift', 'concat', 'write'].map((method) => ({ method, keyed: false })),
  ...['put', 'set', 'setdefault', 'setProperty'].map((method) => ({ method, keyed: true })),
];

/** True when every metavariable held to `built-string`/`not-constant` has a part the origin tracker cannot account for. */
function builtPartsUnexplained(node: SyntaxNode, rule: Rule, origin: TaintTracker): boolean {
  for (const [metavariable, condition] of Object.entries(rule.valueConditions)) {
    if (condition !== 'built-string' && condition !== 'not-constant') continue;
    const captured = node.getMatch(metavariable);
    if (captured && !origin.taintOf(captured)) return false;
  }
  return true;
}

/**
 * ast-grep binds `$SINK` from the first sink pattern that matches; a call can be a sink at several
 * positions (`exec(cmd, env)`, `Command("sh", "-c", line)`). When that binding is clean, the other sink
 * patterns matching the same node are tried for a tainted one.
 */
function otherSinkPositions(node: SyntaxNode, matcher: AstGrepMatcher, tracker: TaintTracker): TaintStep[] | undefined {
  const branches = sinkBranchesOf(matcher);
  if (branches.length < 2) return undefined;
  const first = node.getMatch('SINK');
  const text = node.text();
  const kind = node.kind();
  for (const { single, head, kind: branchKind, words } of branches) {
    if (head !== undefined && !text.startsWith(head)) continue;
    if (branchKind !== undefined && branchKind !== kind) continue;
    if (words !== undefined && !words.test(text)) continue;
    // One search, not `matches` then `find`: ast-grep compiles the rule on each call.
    const same = node.find(single);
    if (!same || same.id() !== node.id()) continue;
    const sink = same.getMatch('SINK');
    if (!sink || (first && sink.id() === first.id())) continue;
    const path = tracker.taintOf(sink);
    if (path) return path;
  }
  return undefined;
}

interface SinkBranch {
  single: AstGrepMatcher;
  /** The literal callee its pattern starts with. */
  head: string | undefined;
  kind: string | undefined;
  /** Words the matched node's own text must hold (none when the branch looks at other nodes). */
  words: RegExp | undefined;
}

const sinkBranches = new WeakMap<AstGrepMatcher, SinkBranch[]>();

/** A rule's sink branches that bind `$SINK`, each as its own matcher, with the literal callee its pattern starts with. */
function sinkBranchesOf(matcher: AstGrepMatcher): SinkBranch[] {
  let found = sinkBranches.get(matcher);
  if (!found) {
    const branches = Array.isArray(matcher.rule.any) ? (matcher.rule.any as Record<string, unknown>[]) : [];
    found = branches
      .filter((branch) => JSON.stringify(branch).includes('$SINK'))
      .map((branch) => {
        const pattern = typeof branch.pattern === 'string' ? branch.pattern : undefined;
        // Words from relations to other nodes (`inside`, `follows`, utils) need not be in the node's own text,
        // nor those of the code a rewritten pattern is wrapped in (`func _() { … }`).
        const looksElsewhere = /"(inside|follows|precedes|matches|context)"/.test(JSON.stringify(branch));
        const words = looksElsewhere ? undefined : prefilterSource(requiredWords(branch));
        return {
          single: { ...matcher, rule: branch },
          head: pattern?.match(/^[A-Za-z_][\w.]*\(/)?.[0],
          kind: typeof branch.kind === 'string' ? branch.kind : undefined,
          words: words === undefined ? undefined : new RegExp(words, 'i'),
        };
      });
    sinkBranches.set(matcher, found);
  }
  return found;
}

function satisfiesValueConditions(node: SyntaxNode, rule: Rule, parsed: ParsedFile, sanitizedIds: Set<number>): boolean {
  for (const [metavariable, condition] of Object.entries(rule.valueConditions)) {
    const captured = node.getMatch(metavariable);
    if (!captured) continue; // bound only in some branches of an `any`
    if (typeof condition === 'object' && 'bound' in condition) {
      const buffer = node.getMatch(condition.bound);
      if (!buffer || !condition.verdict.includes(checkBound(captured, buffer, condition.limit, parsed.language))) return false;
      if (!hasOrigin(captured, condition.origin, parsed.language)) return false;
      continue;
    }
    if (condition === 'signed-size') {
      if (!isSignedSizeRisk(captured, parsed.language)) return false;
      continue;
    }
    if (typeof condition === 'object') {
      if (regexOfCondition(condition.regex).test(captured.text()) === condition.not) return false;
      continue;
    }
    const kind = classifyValue(captured, parsed.language, 0, sanitizedIds);
    if (condition === 'built-string' && kind !== 'built') return false;
    if (condition === 'not-constant' && kind === 'constant') return false;
  }
  return true;
}
