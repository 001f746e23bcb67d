import type { SyntaxNode } from '../languages/language.js';
import type { AstGrepMatcher } from '../rules/rule.js';

// ast-grep compiles a rule on every search, and a regex costs it 50-400 µs to compile (an alternation of
// words builds a literal prefilter, a negated class its Unicode complement), against about 10 µs for a
// pattern. A rule heavy with regexes is searched first without them: its anchor, the same rule with every
// regex and `not` left out, matches wherever the rule does, so when the anchor finds nothing the rule
// cannot either, and the costly compile is skipped.

/** Regex text above which a rule is worth anchoring. */
const HEAVY_REGEX_CHARS = 40;

const POSITIVE_KEYS = ['pattern', 'kind', 'nthChild', 'range', 'has', 'inside', 'follows', 'precedes', 'all', 'any', 'matches'];
const RELATION_KEYS = new Set(['has', 'inside', 'follows', 'precedes']);

/** The rule without its regexes and negations (a rule that matches wherever it does), or null when nothing is left. */
export function anchorRule(rule: Record<string, unknown>, droppedUtils: ReadonlySet<string> = new Set()): Record<string, unknown> | null {
  const anchor: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rule)) {
    if (key === 'regex' || key === 'not') continue;
    if (key === 'matches') {
      if (typeof value === 'string' && !droppedUtils.has(value)) anchor[key] = value;
      continue;
    }
    if (RELATION_KEYS.has(key) && value && typeof value === 'object') {
      // `stopBy` is kept whole: a looser stop would end the walk earlier and match less, not more.
      const sub = anchorRule(value as Record<string, unknown>, droppedUtils);
      if (sub) anchor[key] = { ...sub, ...pick(value as Record<string, unknown>, ['stopBy', 'field']) };
      continue;
    }
    if (key === 'all' && Array.isArray(value)) {
      const parts = value.map((sub) => anchorRule(sub as Record<string, unknown>, droppedUtils)).filter((sub) => sub !== null);
      if (parts.length > 0) anchor[key] = parts;
      continue;
    }
    if (key === 'any' && Array.isArray(value)) {
      const parts = value.map((sub) => anchorRule(sub as Record<string, unknown>, droppedUtils));
      // An alternative left with no condition matches anything: so does the whole `any`.
      if (parts.length > 0 && parts.every((sub) => sub !== null)) anchor[key] = parts;
      continue;
    }
    if (key !== 'stopBy' && key !== 'field') anchor[key] = value;
  }
  return POSITIVE_KEYS.some((key) => key in anchor) ? anchor : null;
}

/** The anchor of a whole matcher (utils anchored too; constraints, which only narrow, left out), or null. */
export function anchorMatcher(matcher: AstGrepMatcher): AstGrepMatcher | null {
  const dropped = new Set<string>();
  const utils: Record<string, unknown> = {};
  // A util may use another: anchor them until none changes (the first pass may drop what a later one needs).
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, util] of Object.entries(matcher.utils ?? {})) {
      if (dropped.has(name)) continue;
      const anchored = anchorRule(util as Record<string, unknown>, dropped);
      if (anchored) utils[name] = anchored;
      else {
        dropped.add(name);
        delete utils[name];
        changed = true;
      }
    }
  }
  const rule = anchorRule(matcher.rule, dropped);
  if (!rule) return null;
  return Object.keys(utils).length > 0 ? { rule, utils } : { rule };
}

/** True when the regexes of the matcher's rule and constraints make its compile costly enough to look for its anchor first. */
export function isHeavy(matcher: Pick<AstGrepMatcher, 'rule' | 'constraints'>): boolean {
  let chars = 0;
  const visit = (value: unknown): void => {
    if (!value || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if (key === 'regex' && typeof item === 'string') chars += item.length;
      else visit(item);
    }
  };
  visit(matcher.rule);
  visit(matcher.constraints);
  return chars >= HEAVY_REGEX_CHARS;
}

const heavyEntries = new WeakMap<object, boolean>();

/** `isHeavy` of a list entry (a bare rule object), found once per entry. */
export function isHeavyEntry(rule: Record<string, unknown>): boolean {
  let heavy = heavyEntries.get(rule);
  if (heavy === undefined) heavyEntries.set(rule, (heavy = isHeavy({ rule })));
  return heavy;
}

const anchors = new WeakMap<object, { anchor: AstGrepMatcher | null } | null>();

/**
 * False only when the matcher provably matches nothing under `root`: it is heavy and its anchor, searched
 * first (one match is enough), finds nothing. `key` identifies the matcher for caching (the rule object of a
 * list entry, or the matcher itself).
 */
export function mayMatch(root: SyntaxNode, matcher: AstGrepMatcher, key: object = matcher): boolean {
  let cached = anchors.get(key);
  if (cached === undefined) {
    cached = isHeavy(matcher) ? { anchor: anchorMatcher(matcher) } : null;
    anchors.set(key, cached);
  }
  return cached === null || cached.anchor === null || root.find(cached.anchor as never) !== null;
}

function pick(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((key) => key in value).map((key) => [key, value[key]]));
}
