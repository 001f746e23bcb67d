import { isAbsolute, posix, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import type { Finding, Severity, SuppressedFinding } from '../findings/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { Rule } from '../rules/rule.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version.js';
import { DIFF_SARIF_CATEGORY, SCAN_SARIF_CATEGORY, automationId } from './sarif-category.js';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** Key under which every result carries its loopwarden fingerprint. */
export const FINGERPRINT_KEY = 'loopwarden/v1';

/** Where a log's artifact URIs are anchored and under which code-scanning category it is uploaded. */
export interface SarifOptions {
  /** The repository top (SRCROOT): URIs are made relative to it. Default: the scan root. */
  sourceRoot?: string;
  /** GitHub code-scanning category, without the trailing slash. */
  category?: string;
}

/** Builds a SARIF 2.1.0 log that GitHub code scanning imports: CWE tags, security-severity, precision. */
export function buildSarif(result: ScanResult, options: SarifOptions = {}): Log {
  return sarifLog(result, [...result.findings, ...result.suppressed].map((finding) => ({ finding })), { ...options, category: options.category ?? SCAN_SARIF_CATEGORY });
}

type Entry = { finding: Finding | SuppressedFinding; baselineState?: Result.baselineState };

function sarifLog(result: ScanResult, entries: Entry[], options: SarifOptions & { category: string }): Log {
  const used = new Set(entries.map((entry) => entry.finding.ruleId));
  // Other tools' rules are described from their findings: one loopwarden run carries every tool's word.
  const external = new Map<string, Finding>();
  for (const { finding } of entries) if (finding.tool && !external.has(finding.ruleId)) external.set(finding.ruleId, finding);
  const rules = [...result.rules.filter((rule) => used.has(rule.id)), ...[...external.values()].map(externalRule)].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const anchor = uriAnchor(result.root, options.sourceRoot);
  const results = entries.map(({ finding, baselineState }) => ({ ...toResult(finding, ruleIndex, anchor.uriOf), ...(baselineState ? { baselineState } : {}) }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_URI,
            rules: rules.map(toDescriptor),
          },
        },
        automationDetails: { id: automationId(options.category) },
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(anchor.sourceRoot).href.replace(/\/?$/, '/')}` } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.notes.map((note) => ({
              level: 'warning' as const,
              message: { text: `${note.path}: ${note.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: anchor.uriOf(note.path), uriBaseId: 'SRCROOT' } } }],
            })),
          },
        ],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

/**
 * Code scanning resolves URIs against the repository top, whatever directory the command ran in: paths
 * relative to `root` get the prefix from the top down to `root`. A root outside the source root stays SRCROOT.
 */
function uriAnchor(root: string, sourceRoot = root): { sourceRoot: string; uriOf: (path: string) => string } {
  const prefix = relative(sourceRoot, root).split(sep).join('/');
  if (prefix === '..' || prefix.startsWith('../') || isAbsolute(prefix)) return { sourceRoot: root, uriOf: encodePath };
  return { sourceRoot, uriOf: (path) => encodePath(prefix ? posix.join(prefix, path) : path) };
}

/** A descriptor for another tool's rule, built from one of its findings. */
function externalRule(finding: Finding): Rule & { tool: string } {
  return {
    id: finding.ruleId,
    tool: finding.tool!,
    cwe: finding.cwe,
    severity: finding.severity,
    securitySeverity: finding.securitySeverity,
    confidence: finding.confidence,
    message: finding.message,
    fix: finding.fix || `See ${finding.tool}'s documentation of ${finding.ruleId.slice(finding.tool!.length + 1)}.`,
    references: finding.references,
  } as Rule & { tool: string };
}

function toDescriptor(rule: Rule & { tool?: string }): ReportingDescriptor {
  const cweTags = rule.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`);
  return {
    id: rule.id,
    name: rule.id
      .split('-')
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join(''),
    shortDescription: { text: firstSentence(rule.message) },
    fullDescription: { text: rule.message },
    help: {
      text: `${rule.message}\n\nFix: ${rule.fix}\n\nReferences: ${rule.references.join(' ')}`,
      markdown: `${rule.message}\n\n**Fix:** ${rule.fix}\n\n${rule.references.map((r) => `- <${r}>`).join('\n')}`,
    },
    helpUri: rule.references[0],
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', ...cweTags],
      'security-severity': rule.securitySeverity.toFixed(1),
      precision: rule.confidence,
      'problem.severity': LEVEL[rule.severity] === 'note' ? 'recommendation' : LEVEL[rule.severity],
      ...(rule.tool ? { tool: rule.tool } : {}),
    },
  };
}

function toResult(finding: Finding | SuppressedFinding, ruleIndex: Map<string, number>, uriOf: (path: string) => string): Result {
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} Fix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(finding.path), uriBaseId: 'SRCROOT' },
          region: {
            startLine: finding.startLine,
            startColumn: finding.startColumn,
            endLine: finding.endLine,
            endColumn: finding.endColumn,
            snippet: { text: finding.snippet },
          },
        },
        ...(finding.function ? { logicalLocations: [{ fullyQualifiedName: finding.function, kind: 'function' }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.trace ? { codeFlows: [codeFlowOf(finding, uriOf)] } : {}),
    properties: {
      severity: finding.severity,
      confidence: finding.confidence,
      cwe: finding.cwe,
      ...(finding.tool ? { tool: finding.tool } : {}),
      ...(finding.seenBy ? { seenBy: finding.seenBy.map((entry) => `${entry.tool}:${entry.ruleId}`) } : {}),
    },
  };
  if ('suppression' in finding) {
    result.suppressions = [{ kind: 'inSource', justification: finding.suppression.reason }];
  }
  return result;
}

/** A taint path as a SARIF code flow: one thread, one location per step, source first. */
function codeFlowOf(finding: Finding, uriOf: (path: string) => string): NonNullable<Result['codeFlows']>[number] {
  return {
    threadFlows: [
      {
        locations: finding.trace!.map((step) => ({
          location: {
            physicalLocation: {
              artifactLocation: { uri: uriOf(finding.path), uriBaseId: 'SRCROOT' },
              region: { startLine: step.line, startColumn: step.column, snippet: { text: step.text } },
            },
            message: { text: `${step.kind}: ${step.text}` },
          },
          kinds: [step.kind === 'source' ? 'taint' : step.kind === 'sink' ? 'exit' : 'acquire'],
        })),
      },
    ],
  };
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match ? match[1]! : text;
}

/** Renders the SARIF log as JSON text. */
export function renderSarif(result: ScanResult, options: SarifOptions = {}): string {
  return `${JSON.stringify(buildSarif(result, options), null, 2)}\n`;
}

/**
 * Builds SARIF for a diff: introduced findings are results with baselineState `new`, persisting ones
 * `unchanged`. Fixed findings are only counted in `run.properties`: as results, code scanning would open
 * alerts for weaknesses that are gone.
 */
export function buildDiffSarif(diff: { introduced: Finding[]; persisting: Finding[]; changed: { after: Finding }[]; fixed: Finding[] }, rules: Rule[], root: string, options: SarifOptions = {}): Log {
  // Persisting (changed) findings are still there, their code edited: SARIF's `updated`.
  const entries: Entry[] = [
    ...diff.introduced.map((finding) => ({ finding, baselineState: 'new' as const })),
    ...diff.persisting.map((finding) => ({ finding, baselineState: 'unchanged' as const })),
    ...diff.changed.map(({ after }) => ({ finding: after, baselineState: 'updated' as const })),
  ];
  const scanned: ScanResult = { root, filesScanned: 0, linesScanned: 0, findings: [], suppressed: [], skipped: [], notes: [], rules };
  const log = sarifLog(scanned, entries, { ...options, category: options.category ?? DIFF_SARIF_CATEGORY });
  const run: Run = log.runs[0]!;
  run.properties = { introduced: diff.introduced.length, persisting: diff.persisting.length, changed: diff.changed.length, fixed: diff.fixed.length };
  return log;
}
