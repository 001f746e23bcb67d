import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import type { Finding, Severity, SuppressedFinding } from '../findings/finding.js';
import type { ScanResult } from '../engine/scan.js';
import type { Rule } from '../rules/rule.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version.js';

const LEVEL: Record<Severity, Result.level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
/** Key under which every result carries its loopwarden fingerprint. */
export const FINGERPRINT_KEY = 'loopwarden/v1';

/** Builds a SARIF 2.1.0 log that GitHub code scanning imports: CWE tags, security-severity, precision. */
export function buildSarif(result: ScanResult): Log {
  const used = new Set([...result.findings, ...result.suppressed].map((f) => f.ruleId));
  const rules = result.rules.filter((rule) => used.has(rule.id)).sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const results = [
    ...result.findings.map((finding) => toResult(finding, ruleIndex)),
    ...result.suppressed.map((finding) => toResult(finding, ruleIndex)),
  ];
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
        originalUriBaseIds: { SRCROOT: { uri: `${pathToFileURL(result.root).href.replace(/\/?$/, '/')}` } },
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.notes.map((note) => ({
              level: 'warning' as const,
              message: { text: `${note.path}: ${note.message}` },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodePath(note.path), uriBaseId: 'SRCROOT' } } }],
            })),
          },
        ],
        columnKind: 'unicodeCodePoints',
      },
    ],
  };
}

function toDescriptor(rule: Rule): ReportingDescriptor {
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
    },
  };
}

function toResult(finding: Finding | SuppressedFinding, ruleIndex: Map<string, number>): Result {
  const result: Result = {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: `${finding.message} Fix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: encodePath(finding.path), uriBaseId: 'SRCROOT' },
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
    ...(finding.trace ? { codeFlows: [codeFlowOf(finding)] } : {}),
    properties: { severity: finding.severity, confidence: finding.confidence, cwe: finding.cwe },
  };
  if ('suppression' in finding) {
    result.suppressions = [{ kind: 'inSource', justification: finding.suppression.reason }];
  }
  return result;
}

/** A taint path as a SARIF code flow: one thread, one location per step, source first. */
function codeFlowOf(finding: Finding): NonNullable<Result['codeFlows']>[number] {
  return {
    threadFlows: [
      {
        locations: finding.trace!.map((step) => ({
          location: {
            physicalLocation: {
              artifactLocation: { uri: encodePath(finding.path), uriBaseId: 'SRCROOT' },
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
export function renderSarif(result: ScanResult): string {
  return `${JSON.stringify(buildSarif(result), null, 2)}\n`;
}

/** Builds SARIF for a diff: introduced results are `new`, persisting `unchanged`, fixed `absent`. */
export function buildDiffSarif(diff: { introduced: Finding[]; persisting: Finding[]; fixed: Finding[] }, rules: Rule[], root: string): Log {
  const ordered = [...diff.introduced, ...diff.persisting, ...diff.fixed];
  const log = buildSarif({ root, filesScanned: 0, linesScanned: 0, findings: ordered, suppressed: [], skipped: [], notes: [], rules });
  const states: Result.baselineState[] = [
    ...diff.introduced.map(() => 'new' as const),
    ...diff.persisting.map(() => 'unchanged' as const),
    ...diff.fixed.map(() => 'absent' as const),
  ];
  log.runs[0]!.results!.forEach((result, index) => {
    result.baselineState = states[index];
  });
  return log;
}
