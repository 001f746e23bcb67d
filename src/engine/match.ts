import type { SyntaxNode } from '../languages/language.js';
import { compileMetavariableRegex, type AstGrepMatcher, type Rule } from '../rules/rule.js';
import { FileText, type TextCondition } from '../rules/text-condition.js';
import type { ParsedFile } from './parse.js';
import { classifyValue, startFile } from './value.js';
import { checkBound, hasOrigin, isSignedSizeRisk, startBoundsFile } from './bounds.js';
import { TaintFileContext, TaintTracker, sourceConfidence, type SinkFinder, type TaintStep } from './taint.js';
import { enclosingFunction } from './scope.js';
import { callsWithCallees } from './callees.js';
import { findSuppressions, suppressionFor, type Suppression } from '../findings/suppression.js';
import { CONFIDENCES, type Confidence } from '../findings/finding.js';
import type { ProjectContext } from './project.js';
import { activeBudget } from './budget.js';
import { mayMatch } from './anchor.js';

/** One place where a rule matched, before it becomes a Finding. */
export interface RuleMatch {
  rule: Rule;
  node: SyntaxNode;
  /** For taint rules: source → steps → sink. */
  trace?: TaintStep[];
  /**
   * Lower than the rule's: medium when its data comes only from the callers (parameters, the object's
   * fields), low when only from values the program's own predicate checked; for taint rules, at most that of
   * a source the rule marks as weaker evidence (the environment, a file, the database).
   */
  confidence?: Confidence;
}

/** Returns the rules that apply to this file's language and whose words (and, for taint rules, a source's) occur in its text. */
export function applicableRules(parsed: Pick<ParsedFile, 'language' | 'text'>, rules: Rule[], text = new FileText(parsed.text)): Rule[] {
  return rules.filter((rule) => rule.languages.includes(parsed.language.id) && text.allows(rule.condition) && text.allows(rule.sourceCondition));
}

const compiledConditions = new Map<string, RegExp>();

function regexOfCondition(source: string): RegExp {
  let regex = compiledConditions.get(source);
  if (!regex) {
    regex = compileMetavariableRegex(source);
    compiledConditions.set(source, regex);
  }
  return regex;
}

/** Runs every applicable rule over a parsed file, applying the rules' metavariable value conditions. */
export function matchRules(parsed: ParsedFile, rules: Rule[], project?: ProjectContext): RuleMatch[] {
  startFile();
  startBoundsFile();
  const matches: RuleMatch[] = [];
  const text = new FileText(parsed.text);
  const taintFile = new TaintFileContext(parsed.root, parsed.language, text, project);
  const budget = activeBudget();
  const sinkHits = sinkHitsOf(taintFile);
  // Taint rules whose calls into other functions' sinks were followed.
  const followed = new Set<Rule>();
  for (const rule of applicableRules(parsed, rules, text)) {
    budget.checkTime();
    const seen = new Set<string>();
    const matcher = narrowedMatcher(rule, parsed, text);
    if (!matcher) continue;
    const taintSpec = rule.taint?.[parsed.language.id];
    const tracker = taintSpec ? new TaintTracker(taintSpec, taintFile) : undefined;
    // A taint rule whose sources occur nowhere in the file has nothing to report: skip its sink search.
    if (tracker && !tracker.canTaint()) continue;
    let sanitizedIds: Set<number> | undefined;
    const originSpec = {
      sources: [],
      sanitizers: rule.sanitizers[parsed.language.id] ?? [],
      guards: rule.guards?.[parsed.language.id] ?? [],
      validators: rule.validators?.[parsed.language.id] ?? [],
      propagators: ORIGIN_PROPAGATORS,
      unknownIsSource: true,
      conditions: { sources: [], sanitizers: rule.sanitizerConditions, guards: rule.guardConditions },
    };
    let origin: TaintTracker | undefined;
    let fromCallers: TaintTracker | undefined;
    // A rule heavy with regexes is first looked for without them (engine/anchor.ts).
    if (!rule.branchConditions && !mayMatch(parsed.root, matcher)) continue;
    let checked: TaintTracker | undefined;
    const predicateGuards = parsed.language.predicateGuards ?? [];
    const sinks = parsed.root.findAll(matcher);
    // The calls-into-sinks pass asks for this file's sinks again: hand it these.
    if (tracker) sinkFinder(rule, parsed.language.id).seed(taintFile, sinks);
    for (const node of sinks) {
      budget.visit();
      let confidence: Confidence | undefined;
      if (Object.keys(rule.valueConditions).length > 0) {
        sanitizedIds ??= taintFile.idsMatching(originSpec.sanitizers, originSpec.conditions.sanitizers);
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
          if (!builtPartsUnexplained(node, rule, fromCallers)) confidence = 'medium';
        }
        // Parts the program rejects unless its own predicate accepts them (`if not safe(cmd): raise`): whether
        // that check suffices cannot be told here, so the finding is shown, never gated.
        if (rule.confidence !== 'low' && predicateGuards.length > 0) {
          checked ??= new TaintTracker({ ...originSpec, guards: [...originSpec.guards, ...predicateGuards] }, taintFile);
          if (!builtPartsUnexplained(node, rule, checked)) confidence = 'low';
        }
      }
      let trace: TaintStep[] | undefined;
      if (tracker) {
        const path = tracker.sinkTaint(node) ?? otherSinkPositions(node, matcher, tracker, rule, parsed.language.id, parsed.root, sinkHits);
        if (!path) continue;
        confidence = lowerConfidence(confidence ?? rule.confidence, sourceConfidence(path));
        const { start } = node.range();
        trace = [...path, { kind: 'sink', line: start.line + 1, column: start.column + 1, text: node.text().split('\n')[0]!.trim().slice(0, 120) }];
      }
      const { start, end } = node.range();
      const key = `${start.index}:${end.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      matches.push({ rule, node, ...(trace ? { trace } : {}), ...(confidence && confidence !== rule.confidence ? { confidence } : {}) });
    }
    if (tracker) {
      followed.add(rule);
      matches.push(...callsIntoSinks(rule, tracker, seen));
    }
  }
  // A taint rule whose sinks this file lacks can still hand its sources to a function that reaches one.
  for (const rule of rules) {
    const taintSpec = rule.taint?.[parsed.language.id];
    if (!taintSpec || followed.has(rule) || !rule.languages.includes(parsed.language.id)) continue;
    if (!text.allows(rule.sourceCondition)) continue;
    if (callsWithCallees(taintFile).length === 0) continue;
    const tracker = new TaintTracker(taintSpec, taintFile);
    if (tracker.canTaint()) matches.push(...callsIntoSinks(rule, tracker, new Set()));
  }
  return matches;
}

/** Calls handing tainted data to a function (of this file or the project) whose parameter reaches a sink of `rule`. */
function callsIntoSinks(rule: Rule, tracker: TaintTracker, seen: Set<string>): RuleMatch[] {
  const matcher = rule.matchers[tracker.language.id];
  if (!matcher) return [];
  const found: RuleMatch[] = [];
  for (const { call, path } of tracker.callsReachingSinks(tracker.root, sinkFinder(rule, tracker.language.id))) {
    const { start, end } = call.range();
    const key = `${start.index}:${end.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const confidence = lowerConfidence(rule.confidence, sourceConfidence(path));
    found.push({ rule, node: call, trace: path, ...(confidence !== rule.confidence ? { confidence } : {}) });
  }
  return found;
}

/** The lower of a confidence and the limit a match's evidence sets (none: the confidence itself). */
function lowerConfidence(confidence: Confidence, limit: Confidence | undefined): Confidence {
  return limit && CONFIDENCES.indexOf(limit) > CONFIDENCES.indexOf(confidence) ? limit : confidence;
}

const sinkFinders = new WeakMap<AstGrepMatcher, SinkFinder & { seed(file: TaintFileContext, sinks: SyntaxNode[]): void }>();

const fileSuppressions = new WeakMap<TaintFileContext, Suppression[]>();

/** The `loopwarden-ignore` comments of a parsed file, read once. */
function suppressionsOf(file: TaintFileContext): Suppression[] {
  let found = fileSuppressions.get(file);
  if (!found) fileSuppressions.set(file, (found = findSuppressions(file.text.text, file.language.commentStarts).suppressions));
  return found;
}

const fileSinkHits = new WeakMap<TaintFileContext, SinkHits>();

/** Per file: the other sink positions searched so far (see otherSinkPositions). */
function sinkHitsOf(file: TaintFileContext): SinkHits {
  let hits = fileSinkHits.get(file);
  if (!hits) fileSinkHits.set(file, (hits = new Map()));
  return hits;
}

/** A rule's sinks in any file, found once per file and grouped by the function they lie in. */
function sinkFinder(rule: Rule, languageId: ParsedFile['language']['id']): SinkFinder & { seed(file: TaintFileContext, sinks: SyntaxNode[]): void } {
  const matcher = rule.matchers[languageId]!;
  const ruleId = rule.id;
  let finder = sinkFinders.get(matcher);
  if (!finder) {
    const byFile = new WeakMap<TaintFileContext, Map<number, SyntaxNode[]>>();
    const group = (file: TaintFileContext, sinks: SyntaxNode[]) => {
      const byFunction = new Map<number, SyntaxNode[]>();
      for (const sink of sinks) {
        // A sink its own file declares safe (a reasoned `loopwarden-ignore`) is safe for every caller too.
        if (suppressionFor(suppressionsOf(file), ruleId, sink.range().start.line + 1)) continue;
        const owner = enclosingFunction(sink, file.language);
        if (owner) byFunction.set(owner.id(), [...(byFunction.get(owner.id()) ?? []), sink]);
      }
      byFile.set(file, byFunction);
      return byFunction;
    };
    finder = {
      seed: group,
      sinksIn(file, fn) {
        // A file without the words of any sink has none.
        const byFunction = byFile.get(file) ?? group(file, file.text.allows(rule.condition) ? file.root.findAll(matcher) : []);
        return byFunction.get(fn.id()) ?? [];
      },
      taintAt: (sink, tracker) => tracker.sinkTaint(sink) ?? otherSinkPositions(sink, matcher, tracker, rule, languageId, tracker.root, sinkHitsOf(tracker.file)),
    };
    sinkFinders.set(matcher, finder);
  }
  return finder;
}

const narrowedMatchers = new Map<string, AstGrepMatcher | null>();

/**
 * The rule's matcher without the `any` branches whose words this file lacks, nor those heavy with regexes
 * whose anchor it lacks (engine/anchor.ts): ast-grep compiles every branch on every search.
 */
function narrowedMatcher(rule: Rule, parsed: ParsedFile, text: FileText): AstGrepMatcher | undefined {
  const languageId = parsed.language.id;
  const matcher = rule.matchers[languageId];
  if (!matcher || !rule.branchConditions) return matcher;
  const branches = matcher.rule.any as Record<string, unknown>[];
  const keep = rule.branchConditions.map((condition, index) => {
    const branch = branches[index]!;
    return text.allows(condition) && mayMatch(parsed.root, { rule: branch, utils: matcher.utils, constraints: constraintsBoundIn(matcher, [branch]) }, branch);
  });
  if (keep.every(Boolean)) return matcher;
  const key = `${rule.id}:${languageId}:${keep.map((k) => (k ? 1 : 0)).join('')}`;
  let narrowed = narrowedMatchers.get(key);
  if (narrowed === undefined) {
    const kept = branches.filter((_, index) => keep[index]);
    if (kept.length === 0) narrowed = null;
    else {
      narrowed = { ...matcher, rule: { ...matcher.rule, any: kept }, constraints: constraintsBoundIn(matcher, kept) };
    }
    narrowedMatchers.set(key, narrowed);
  }
  return narrowed ?? undefined;
}

/** The matcher's constraints on metavariables these branches (or the utils) bind: ast-grep refuses a constraint on one never bound. */
function constraintsBoundIn(matcher: AstGrepMatcher, branches: unknown[]): Record<string, unknown> | undefined {
  if (!matcher.constraints) return undefined;
  const text = JSON.stringify(branches) + JSON.stringify(matcher.utils ?? {});
  const kept = Object.entries(matcher.constraints).filter(([name]) => new RegExp(`\\$${name}\\b`).test(text));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
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
/** Per file: for each single sink branch searched, the `$SINK` it binds at each node it matches. */
type SinkHits = Map<AstGrepMatcher, Map<number, SyntaxNode>>;

function otherSinkPositions(
  node: SyntaxNode,
  matcher: AstGrepMatcher,
  tracker: TaintTracker,
  rule: Rule,
  languageId: ParsedFile['language']['id'],
  root: SyntaxNode,
  hits: SinkHits,
): TaintStep[] | undefined {
  const branches = sinkBranchesOf(matcher, rule, languageId);
  if (branches.length < 2) return undefined;
  const first = node.getMatch('SINK');
  const text = node.text();
  const ownText = new FileText(text);
  const kind = node.kind();
  const id = node.id();
  for (const { single, head, kind: branchKind, condition } of branches) {
    if (head !== undefined && !text.startsWith(head)) continue;
    if (branchKind !== undefined && branchKind !== kind) continue;
    if (!ownText.allows(condition)) continue;
    // One search of the file per branch, not one per candidate node: ast-grep compiles the rule on each call.
    let found = hits.get(single);
    if (!found) {
      found = new Map();
      for (const match of root.findAll(single)) {
        const sink = match.getMatch('SINK');
        if (sink) found.set(match.id(), sink);
      }
      hits.set(single, found);
    }
    const sink = found.get(id);
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
  /** What the matched node's own text must hold (null when the branch looks at other nodes). */
  condition: TextCondition | null;
}

const sinkBranches = new WeakMap<AstGrepMatcher, SinkBranch[]>();

/** A rule's sink branches that bind `$SINK`, each as its own matcher, with the literal callee its pattern starts with. */
function sinkBranchesOf(matcher: AstGrepMatcher, rule: Rule, languageId: ParsedFile['language']['id']): SinkBranch[] {
  let found = sinkBranches.get(matcher);
  if (!found) {
    const branches = Array.isArray(matcher.rule.any) ? (matcher.rule.any as Record<string, unknown>[]) : [];
    const written = (rule.matchers[languageId]?.rule.any as unknown[] | undefined) ?? [];
    found = branches
      .filter((branch) => JSON.stringify(branch).includes('$SINK'))
      .map((branch) => {
        const pattern = typeof branch.pattern === 'string' ? branch.pattern : undefined;
        // Words from relations to other nodes (`inside`, `follows`, utils) need not be in the node's own text.
        const looksElsewhere = /"(inside|follows|precedes|matches)"/.test(JSON.stringify(branch));
        const index = written.indexOf(branch);
        return {
          single: { ...matcher, rule: branch },
          head: pattern?.match(/^[A-Za-z_][\w.]*\(/)?.[0],
          kind: typeof branch.kind === 'string' ? branch.kind : undefined,
          condition: looksElsewhere || index < 0 ? null : (rule.branchConditions?.[index] ?? null),
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
