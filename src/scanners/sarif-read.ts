import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { Confidence, Severity } from '../findings/finding.js';
import { DEFAULT_SECURITY_SEVERITY } from '../rules/rule.js';

/** How a SARIF `level` maps to our severities: the issue's default, overridable per scanner. */
export type LevelSeverities = Record<'error' | 'warning' | 'note', Severity>;
export const DEFAULT_LEVEL_SEVERITIES: LevelSeverities = { error: 'high', warning: 'medium', note: 'low' };

/** How to read one SARIF log. */
export interface SarifReadOptions {
  /** The tool's name in rule ids and reports; by default the first word of the driver's name, lower case. */
  label?: string;
  /** Absolute directory that relative URIs, and URI base ids the log does not define, are resolved against. */
  base: string;
  /** The repository (or scan) root: results are reported relative to it, and results outside it are left out. */
  root: string;
  severity?: Partial<LevelSeverities>;
  /** The confidence of results whose rule gives no `precision`. Default: medium (the default policy gates on it). */
  confidence?: Confidence;
  /** CWE ids to add per tool rule id, for tools that name none. */
  cwe?: Record<string, string[]>;
  /**
   * The files the tool was asked about: a URI that names one of them as written is taken as written before it
   * is percent-decoded (flawfinder writes `util%41.c` for the file of that name, which decoding would move).
   */
  expected?: ReadonlySet<string>;
}

/** One result of another tool, located in a file under the root, not yet tied to the file's content. */
export interface ExternalResult {
  tool: string;
  /** The tool's own rule id (`FF1030`, `js/sql-injection`). */
  toolRuleId: string;
  /** Relative to the root, forward slashes. */
  path: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  /** Absent: to the end of the line. */
  endColumn?: number;
  severity: Severity;
  securitySeverity: number;
  confidence: Confidence;
  cwe: string[];
  message: string;
  fix: string;
  references: string[];
  /** The tool's own identity of the result (`key=value` of its newest fingerprint), when it gives one. */
  toolFingerprint?: string;
  /** Set when the tool itself says the result is suppressed (in the source, or by a reviewer). */
  suppressedBecause?: string;
}

/** What one SARIF log says: its tools, their results under the root, and what could not be taken. */
export interface SarifReading {
  tools: { label: string; name: string; version?: string }[];
  results: ExternalResult[];
  /**
   * Where the tool says its own run failed: `executionSuccessful: false` (the whole run, no path) or an
   * error notification (the file it names, when it names one).
   */
  failures: { path?: string; message: string }[];
  /** Results not taken, one line per reason with its count (outside the root, no location, …). */
  skipped: string[];
  /** How many results could not be placed on a file under the root (no location, a URI that is no file, outside it). */
  unplaced: number;
  /** Files the runs list as analysed (`run.artifacts`), under the root. */
  artifacts: string[];
}

const message = z.object({ text: z.string().optional(), markdown: z.string().optional(), id: z.string().optional(), arguments: z.array(z.string()).optional() }).loose();
const properties = z.record(z.string(), z.unknown());
const artifactLocation = z.object({ uri: z.string().optional(), uriBaseId: z.string().optional(), index: z.number().int().optional() }).loose();
const region = z
  .object({
    startLine: z.number().int().optional(),
    startColumn: z.number().int().optional(),
    endLine: z.number().int().optional(),
    endColumn: z.number().int().optional(),
    charOffset: z.number().int().optional(),
  })
  .loose();
const location = z.object({ physicalLocation: z.object({ artifactLocation: artifactLocation.optional(), region: region.optional() }).loose().optional() }).loose();
const reference = z.object({ id: z.string().optional(), index: z.number().int().optional(), toolComponent: z.object({ name: z.string().optional(), index: z.number().int().optional() }).loose().optional() }).loose();
const rule = z
  .object({
    id: z.string(),
    name: z.string().optional(),
    shortDescription: message.optional(),
    fullDescription: message.optional(),
    help: message.optional(),
    helpUri: z.string().optional(),
    messageStrings: z.record(z.string(), message).optional(),
    defaultConfiguration: z.object({ level: z.string().optional(), enabled: z.boolean().optional() }).loose().optional(),
    relationships: z.array(z.object({ target: reference, kinds: z.array(z.string()).optional() }).loose()).optional(),
    properties: properties.optional(),
  })
  .loose();
const component = z.object({ name: z.string(), version: z.string().optional(), semanticVersion: z.string().optional(), rules: z.array(rule).optional() }).loose();
const result = z
  .object({
    ruleId: z.string().optional(),
    ruleIndex: z.number().int().optional(),
    rule: reference.optional(),
    kind: z.string().optional(),
    level: z.string().optional(),
    message,
    locations: z.array(location).optional(),
    fingerprints: z.record(z.string(), z.string()).optional(),
    partialFingerprints: z.record(z.string(), z.string()).optional(),
    suppressions: z.array(z.object({ kind: z.string(), status: z.string().optional(), justification: z.string().optional() }).loose()).optional(),
    properties: properties.optional(),
  })
  .loose();
const notification = z.object({ level: z.string().optional(), message, locations: z.array(location).optional() }).loose();
const run = z
  .object({
    tool: z.object({ driver: component, extensions: z.array(component).optional() }).loose(),
    results: z.array(result).nullable().optional(),
    artifacts: z.array(z.object({ location: artifactLocation.optional() }).loose()).optional(),
    originalUriBaseIds: z.record(z.string(), artifactLocation).optional(),
    invocations: z
      .array(
        z
          .object({
            executionSuccessful: z.boolean(),
            exitCodeDescription: z.string().optional(),
            toolExecutionNotifications: z.array(notification).optional(),
            ruleConfigurationOverrides: z.array(z.object({ descriptor: reference, configuration: z.object({ level: z.string().optional() }).loose() }).loose()).optional(),
          })
          .loose(),
      )
      .optional(),
    taxonomies: z.array(z.object({ name: z.string() }).loose()).optional(),
  })
  .loose();
const sarifLog = z.object({ version: z.literal('2.1.0'), runs: z.array(run) }).loose();

type Run = z.infer<typeof run>;
/** One run of a SARIF log, as far as this reader looks into it. */
export type SarifRun = Run;
type Rule = z.infer<typeof rule>;
type Result = z.infer<typeof result>;
type Location = z.infer<typeof location>;

/** The fields of a log this reader uses; call after the log passed the official schema. */
export function parseSarifLog(value: unknown): { runs: Run[] } | { problem: string } {
  const parsed = sarifLog.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return { problem: `${issue.path.join('.') || 'the log'}: ${issue.message}` };
}

/** Reads the results of every run of a SARIF log (already validated) as results of other tools. */
export function readSarif(log: { runs: Run[] }, options: SarifReadOptions): SarifReading {
  const reading: SarifReading = { tools: [], results: [], failures: [], skipped: [], unplaced: 0, artifacts: [] };
  const skipped = new Map<string, number>();
  const skip = (why: string) => {
    skipped.set(why, (skipped.get(why) ?? 0) + 1);
    if (UNPLACED.has(why)) reading.unplaced++;
  };
  for (const current of log.runs) {
    const driver = current.tool.driver;
    const label = options.label ?? toolLabel(driver.name);
    if (label === 'loopwarden') {
      skip("loopwarden's own run (its findings come from the analysis itself)");
      continue;
    }
    reading.tools.push({ label, name: driver.name, ...(driver.version ?? driver.semanticVersion ? { version: driver.version ?? driver.semanticVersion } : {}) });
    reading.failures.push(...runFailures(current, options));
    for (const artifact of current.artifacts ?? []) {
      const place = artifact.location ? locationPath(current, { physicalLocation: { artifactLocation: artifact.location } }, options) : undefined;
      if (typeof place === 'object') reading.artifacts.push(place.path);
    }
    const readRun = new RunReader(current, label, options);
    for (const item of current.results ?? []) {
      const outcome = readRun.result(item);
      if (typeof outcome === 'string') skip(outcome);
      else reading.results.push(outcome);
    }
  }
  reading.skipped = [...skipped].map(([why, count]) => `${count} ${count === 1 ? 'result' : 'results'}: ${why}`);
  return reading;
}

const UNPLACED = new Set(['no location', 'no file location', 'a URI that names no local file', 'outside the repository', 'no start line']);

/** `CodeQL` → `codeql`, `Semgrep OSS` → `semgrep`: short enough for rule ids, and what people call the tool. */
export function toolLabel(driverName: string): string {
  const word = driverName.trim().split(/\s+/)[0] ?? '';
  const label = word.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return label.slice(0, 40) || 'sarif';
}

function runFailures(current: Run, options: SarifReadOptions): SarifReading['failures'] {
  const failures: SarifReading['failures'] = [];
  for (const invocation of current.invocations ?? []) {
    if (!invocation.executionSuccessful) failures.push({ message: `the tool says its run did not succeed${invocation.exitCodeDescription ? ` (${invocation.exitCodeDescription.slice(0, 200)})` : ''}` });
    for (const note of invocation.toolExecutionNotifications ?? []) {
      if (note.level !== 'error') continue;
      const where = note.locations?.[0] ? locationPath(current, note.locations[0], options) : undefined;
      const message = (note.message.text ?? 'an error').slice(0, 300);
      failures.push(typeof where === 'object' ? { path: where.path, message } : { message });
    }
  }
  return failures;
}

/** Levels as the spec resolves them (§3.27.10): the result's, an override, the rule's default, then `warning`. */
function levelOf(item: Result, ruleFound: Rule | undefined, overrides: Map<string, string>): string {
  return item.level ?? (ruleFound ? overrides.get(ruleFound.id) : undefined) ?? ruleFound?.defaultConfiguration?.level ?? 'warning';
}

class RunReader {
  private readonly overrides = new Map<string, string>();
  private readonly cweTaxonomies: Set<string>;

  constructor(
    private readonly current: Run,
    private readonly label: string,
    private readonly options: SarifReadOptions,
  ) {
    for (const invocation of current.invocations ?? []) {
      for (const override of invocation.ruleConfigurationOverrides ?? []) {
        const overridden = this.ruleAt(override.descriptor);
        if (overridden && override.configuration.level) this.overrides.set(overridden.id, override.configuration.level);
      }
    }
    this.cweTaxonomies = new Set((current.taxonomies ?? []).map((taxonomy) => taxonomy.name.toLowerCase()).filter((name) => name === 'cwe'));
  }

  result(item: Result): ExternalResult | string {
    const found = this.ruleOf(item);
    const toolRuleId = item.ruleId ?? item.rule?.id ?? found?.id;
    if (!toolRuleId) return 'no rule id';
    // Only `fail` results are weaknesses; `pass`, `review`, `informational` and `notApplicable` are not.
    if ((item.kind ?? 'fail') !== 'fail') return `kind ${item.kind}`;
    const level = levelOf(item, found, this.overrides);
    if (level === 'none') return 'level none';
    const place = item.locations?.[0] ? locationPath(this.current, item.locations[0], this.options) : 'no location';
    if (typeof place === 'string') return place;
    const regionOf = item.locations![0]!.physicalLocation?.region;
    if (regionOf?.startLine === undefined) return 'no start line';
    const startLine = regionOf.startLine;
    const endLine = Math.max(startLine, regionOf.endLine ?? startLine);
    const score = securitySeverityOf(item.properties) ?? securitySeverityOf(found?.properties);
    const severity = score !== undefined ? severityOfScore(score) : { ...DEFAULT_LEVEL_SEVERITIES, ...this.options.severity }[level as 'error' | 'warning' | 'note'] ?? 'medium';
    const cwe = new Set([...cweOfRule(found, this.cweTaxonomies), ...cweInText(messageText(item.message, found)), ...(this.options.cwe?.[toolRuleId] ?? [])]);
    const suppression = item.suppressions?.find((entry) => entry.status === undefined || entry.status === 'accepted');
    const helpText = found?.help?.text ?? found?.fullDescription?.text ?? '';
    const fingerprint = toolFingerprintOf(item);
    return {
      tool: this.label,
      toolRuleId,
      path: place.path,
      startLine,
      startColumn: Math.max(1, regionOf.startColumn ?? 1),
      endLine,
      ...(regionOf.endColumn !== undefined ? { endColumn: regionOf.endColumn } : {}),
      severity,
      securitySeverity: score ?? DEFAULT_SECURITY_SEVERITY[severity],
      confidence: precisionOf(found?.properties) ?? this.options.confidence ?? 'medium',
      cwe: [...cwe].sort((a, b) => Number(a.slice(4)) - Number(b.slice(4))),
      message: messageText(item.message, found).slice(0, 2000) || toolRuleId,
      fix: (helpText || `${this.label} gives no fix; see its documentation of ${toolRuleId}${found?.name ? ` (${found.name})` : ''}`).slice(0, 2000),
      references: referencesOf(found?.helpUri),
      ...(fingerprint ? { toolFingerprint: fingerprint } : {}),
      ...(suppression ? { suppressedBecause: `${suppression.kind === 'inSource' ? 'suppressed in the source' : 'suppressed'} for ${this.label}${suppression.justification ? `: ${suppression.justification}` : ''}` } : {}),
    };
  }

  /** The rule a result names: by `rule` (which may point into an extension, where CodeQL keeps its rules), index, or id. */
  private ruleOf(item: Result): Rule | undefined {
    if (item.rule) {
      const found = this.ruleAt(item.rule);
      if (found) return found;
    }
    const rules = this.current.tool.driver.rules ?? [];
    if (item.ruleIndex !== undefined && rules[item.ruleIndex]) return rules[item.ruleIndex];
    const id = item.ruleId ?? item.rule?.id;
    if (id === undefined) return undefined;
    return rules.find((candidate) => candidate.id === id) ?? (this.current.tool.extensions ?? []).flatMap((extension) => extension.rules ?? []).find((candidate) => candidate.id === id);
  }

  private ruleAt(pointer: z.infer<typeof reference>): Rule | undefined {
    const componentIndex = pointer.toolComponent?.index;
    const rules = componentIndex !== undefined ? (this.current.tool.extensions?.[componentIndex]?.rules ?? []) : (this.current.tool.driver.rules ?? []);
    if (pointer.index !== undefined && rules[pointer.index]) return rules[pointer.index];
    return pointer.id !== undefined ? rules.find((candidate) => candidate.id === pointer.id) : undefined;
  }
}

/** A message's text: its own, or its rule's message string with `{0}`… filled in. */
function messageText(text: z.infer<typeof message>, found: Rule | undefined): string {
  if (text.text !== undefined) return text.text;
  const template = text.id ? found?.messageStrings?.[text.id]?.text : undefined;
  if (template === undefined) return text.markdown ?? '';
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => text.arguments?.[Number(index)] ?? whole);
}

/** Help links; flawfinder writes two URLs run together as one, so each `http…` starts a link of its own. */
function referencesOf(helpUri: string | undefined): string[] {
  if (!helpUri) return [];
  return helpUri.split(/(?=https?:\/\/)/).filter((uri) => /^https?:\/\/\S+$/.test(uri)).slice(0, 10);
}

function securitySeverityOf(bag: Record<string, unknown> | undefined): number | undefined {
  const value = bag?.['security-severity'];
  const score = typeof value === 'number' ? value : typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
  return Number.isFinite(score) && score >= 0 && score <= 10 ? score : undefined;
}

/** GitHub code scanning's buckets: over 9.0 critical, 7.0 and over high, 4.0 and over medium, else low. */
export function severityOfScore(score: number): Severity {
  if (score > 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

function precisionOf(bag: Record<string, unknown> | undefined): Confidence | undefined {
  const precision = bag?.['precision'];
  if (precision === 'very-high' || precision === 'high') return 'high';
  if (precision === 'medium' || precision === 'low') return precision;
  return undefined;
}

/** Relationship kinds that say the rule is not (or not only) about the CWE it points to. */
const UNRELATED_KINDS = new Set(['disjoint', 'canFollow', 'canPrecede', 'willFollow', 'willPrecede']);

/** A rule's CWEs: CodeQL-style tags (`external/cwe/cwe-089`), Semgrep-style (`CWE-89: …`), relationships to a CWE taxonomy, and its descriptions. */
function cweOfRule(found: Rule | undefined, cweTaxonomies: Set<string>): string[] {
  if (!found) return [];
  const cwe: string[] = [];
  const tags = found.properties?.['tags'];
  for (const tag of Array.isArray(tags) ? tags : []) {
    if (typeof tag !== 'string') continue;
    const codeql = /^external\/cwe\/cwe-0*(\d+)$/i.exec(tag);
    const named = /^CWE-0*(\d+)\b/i.exec(tag);
    const id = codeql?.[1] ?? named?.[1];
    if (id) cwe.push(`CWE-${id}`);
  }
  for (const relationship of found.relationships ?? []) {
    const kinds = relationship.kinds ?? ['relevant'];
    if (kinds.every((kind) => UNRELATED_KINDS.has(kind))) continue;
    const taxonomy = relationship.target.toolComponent?.name?.toLowerCase();
    if (taxonomy !== 'cwe' && !(taxonomy && cweTaxonomies.has(taxonomy))) continue;
    const id = /^(?:CWE-)?0*(\d+)$/i.exec(relationship.target.id ?? '')?.[1];
    if (id) cwe.push(`CWE-${id}`);
  }
  cwe.push(...cweInText(`${found.shortDescription?.text ?? ''} ${found.fullDescription?.text ?? ''}`));
  return cwe;
}

function cweInText(text: string): string[] {
  return [...text.matchAll(/\bCWE-0*(\d{1,5})\b/gi)].map((match) => `CWE-${match[1]}`);
}

/** The result's own identity: its newest `fingerprints` key, else its newest `partialFingerprints` key. */
function toolFingerprintOf(item: Result): string | undefined {
  for (const bag of [item.fingerprints, item.partialFingerprints]) {
    if (!bag) continue;
    const newest = new Map<string, { version: number; key: string }>();
    for (const key of Object.keys(bag)) {
      const [, base = key, version = '0'] = /^(.*?)(?:\/v(\d+))?$/.exec(key) ?? [];
      const current = newest.get(base);
      if (!current || Number(version) > current.version) newest.set(base, { version: Number(version), key });
    }
    const keys = [...newest.values()].map((entry) => entry.key).sort();
    if (keys.length > 0) return keys.map((key) => `${key}=${bag[key]}`).join('\u0000');
  }
  return undefined;
}

/** Where a location points, relative to the root, or why it cannot be used. */
function locationPath(current: Run, place: Location, options: SarifReadOptions): { path: string } | string {
  let artifact = place.physicalLocation?.artifactLocation;
  if (artifact?.uri === undefined && artifact?.index !== undefined) artifact = current.artifacts?.[artifact.index]?.location;
  if (artifact?.uri === undefined) return 'no file location';
  if (options.expected && !/^[a-z][a-z0-9+.-]*:/i.test(artifact.uri)) {
    const literal = insideRoot(resolve(options.base, artifact.uri), options.root);
    if (literal !== undefined && options.expected.has(literal)) return { path: literal };
  }
  const absolute = resolveUri(artifact.uri, artifact.uriBaseId, current.originalUriBaseIds ?? {}, options.base, new Set());
  const found = absolute === undefined ? undefined : insideRoot(absolute, options.root);
  if (found !== undefined) return { path: found };
  // A log written on another machine (CI's checkout under /home/runner/…) names its source root there: a
  // relative URI under a base id is then read against this checkout's top, as §3.4.4 leaves to heuristics.
  if (artifact.uriBaseId !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(artifact.uri)) {
    const here = resolveUri(artifact.uri, undefined, {}, options.base, new Set());
    const fallback = here === undefined ? undefined : insideRoot(here, options.root);
    if (fallback !== undefined) return { path: fallback };
  }
  return absolute === undefined ? 'a URI that names no local file' : 'outside the repository';
}

function insideRoot(absolute: string, root: string): string | undefined {
  const inside = relative(root, absolute);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return undefined;
  return inside.split(sep).join(posix.sep);
}

/** Resolves a URI reference through `uriBaseId` and the run's `originalUriBaseIds` (§3.4.4); unknown base ids mean `base`. */
function resolveUri(uri: string, baseId: string | undefined, bases: Record<string, z.infer<typeof artifactLocation>>, base: string, seen: Set<string>): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri)) {
    if (!uri.toLowerCase().startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(uri);
  } catch {
    return undefined;
  }
  if (decoded.startsWith('/')) return resolve(decoded);
  let directory = base;
  if (baseId !== undefined && bases[baseId]?.uri !== undefined && !seen.has(baseId)) {
    seen.add(baseId);
    const entry = bases[baseId]!;
    const resolved = resolveUri(entry.uri!, entry.uriBaseId, bases, base, seen);
    if (resolved === undefined) return undefined;
    directory = resolved;
  }
  return resolve(directory, decoded);
}
