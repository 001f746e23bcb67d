import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { BANDIT_TEST_CWE } from './bandit-cwe.js';

// bandit's ranking (bandit/core/constants.py RANKING); UNDEFINED is what a plugin that sets none gets.
const rank = z.enum(['UNDEFINED', 'LOW', 'MEDIUM', 'HIGH']);

const banditResult = z.object({
  filename: z.string().min(1),
  test_id: z.string().min(1),
  test_name: z.string(),
  issue_severity: rank,
  issue_confidence: rank,
  issue_text: z.string(),
  line_number: z.number().int().positive(),
  line_range: z.array(z.number().int().positive()),
  more_info: z.string().optional(),
  code: z.string().optional(),
  // From bandit 1.7.3 on; `{}` when the check declares no CWE.
  issue_cwe: z.object({ id: z.number().int().nonnegative().optional() }).optional(),
  // From bandit 1.7.3 on: the AST node's column, 0-based, in UTF-8 bytes as Python's ast counts them.
  col_offset: z.number().int().nonnegative().optional(),
});

const banditErrorEntry = z.object({ filename: z.string(), reason: z.string() });

/** The part of `bandit -f json` output the adapter reads (other keys, such as `metrics`, are ignored). */
export const banditJsonSchema = z.object({
  results: z.array(banditResult),
  errors: z.array(banditErrorEntry),
  generated_at: z.string().optional(),
});

export type BanditJson = z.infer<typeof banditJsonSchema>;
type BanditResult = z.infer<typeof banditResult>;

/** Where the conversion anchors paths, and what it says about the tool. */
export interface BanditSarifOptions {
  /** The directory bandit ran in: its relative file names are resolved against it, and it is %SRCROOT%. */
  cwd: string;
  /** bandit's version (`bandit --version`), when known. */
  version?: string;
}

/** bandit's output did not have the shape of `bandit -f json`: the message names the field and the problem. */
export class BanditOutputError extends UserError {
  constructor(message: string) {
    super(message);
    this.name = 'BanditOutputError';
  }
}

const SRCROOT = '%SRCROOT%';
const LEVEL: Record<z.infer<typeof rank>, Sarif.Result.level> = { HIGH: 'error', MEDIUM: 'warning', LOW: 'note', UNDEFINED: 'warning' };
const PRECISION: Record<z.infer<typeof rank>, string | undefined> = { HIGH: 'high', MEDIUM: 'medium', LOW: 'low', UNDEFINED: undefined };

/** Parses the text bandit printed with `-f json` and returns it as a SARIF 2.1.0 log (see `banditJsonToSarif`). */
export function banditTextToSarif(text: string, options: BanditSarifOptions): Sarif.Log {
  if (text.trim() === '') throw new BanditOutputError('bandit printed nothing on stdout (is -o or -f among the arguments?)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the start of the text, newlines included; the message stays one line.
    throw new BanditOutputError(`bandit's output is not JSON (${(error as Error).message.replace(/\s+/g, ' ')}; is -f among the arguments?)`);
  }
  return banditJsonToSarif(json, options);
}

/**
 * Returns bandit's JSON report (`bandit -f json`) as a SARIF 2.1.0 log: one rule per test id with its CWE
 * (bandit's own `issue_cwe` when it gives one, else our table) as a tag and as a relationship to the CWE
 * taxonomy, one result per issue, and the files bandit could not read as error notifications.
 */
export function banditJsonToSarif(json: unknown, options: BanditSarifOptions): Sarif.Log {
  const parsed = banditJsonSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BanditOutputError(`bandit's JSON is not a bandit report: ${issue.path.join('.') || 'the top level'}: ${issue.message}`);
  }
  const report = parsed.data;
  const ruleIds = [...new Set(report.results.map((result) => result.test_id))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const cweOf = new Map(ruleIds.map((id) => [id, cweOfRule(report.results.filter((result) => result.test_id === id))]));
  const cwes = [...new Set([...cweOf.values()].filter((cwe): cwe is number => cwe !== undefined))].sort((a, b) => a - b);
  const notifications = report.errors.map((error): Sarif.Notification => ({
    level: 'error',
    message: { text: error.reason },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(error.filename, options.cwd) } }],
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'bandit',
            ...(options.version ? { version: options.version } : {}),
            informationUri: 'https://bandit.readthedocs.io/',
            rules: ruleIds.map((id) => ruleDescriptor(report.results.find((result) => result.test_id === id)!, cweOf.get(id))),
            supportedTaxonomies: [{ name: 'CWE' }],
          },
        },
        taxonomies: [
          {
            name: 'CWE',
            organization: 'MITRE',
            informationUri: 'https://cwe.mitre.org/',
            taxa: cwes.map((cwe) => ({ id: String(cwe), helpUri: `https://cwe.mitre.org/data/definitions/${cwe}.html` })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(options.cwd) } },
        columnKind: 'utf16CodeUnits',
        results: report.results.map((result) => sarifResult(result, ruleIndex.get(result.test_id)!, options.cwd)),
        invocations: [
          {
            // Each error names the file bandit could not read: that file is missed, the others were scanned.
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
            ...(report.generated_at && !Number.isNaN(Date.parse(report.generated_at)) ? { endTimeUtc: report.generated_at } : {}),
          },
        ],
      },
    ],
  };
}

/** The CWE of a test: bandit's own `issue_cwe` (0 means none declared) when any result carries it, else our table. */
function cweOfRule(results: BanditResult[]): number | undefined {
  const declared = results.map((result) => result.issue_cwe?.id).find((id) => id !== undefined && id > 0);
  return declared ?? BANDIT_TEST_CWE[results[0]!.test_id];
}

function ruleDescriptor(first: BanditResult, cwe: number | undefined): Sarif.ReportingDescriptor {
  return {
    id: first.test_id,
    name: first.test_name,
    // bandit's JSON has no rule description; the text of its first issue is the closest it gives.
    shortDescription: { text: first.issue_text },
    ...(first.more_info && URL.canParse(first.more_info) ? { helpUri: first.more_info } : {}),
    ...(cwe !== undefined ? { relationships: [{ target: { id: String(cwe), toolComponent: { name: 'CWE' } }, kinds: ['relevant'] }] } : {}),
    properties: { tags: ['security', ...(cwe !== undefined ? [`external/cwe/cwe-${cwe}`] : [])] },
  };
}

function sarifResult(result: BanditResult, ruleIndex: number, cwd: string): Sarif.Result {
  const precision = PRECISION[result.issue_confidence];
  return {
    ruleId: result.test_id,
    ruleIndex,
    level: LEVEL[result.issue_severity],
    message: { text: result.issue_text },
    ...(result.filename === '<stdin>' ? {} : { locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.filename, cwd), region: region(result) } }] }),
    ...(precision ? { properties: { precision } } : {}),
  };
}

/**
 * The lines of `line_range` and `line_number`. bandit 1.6 puts `line_number` on the line of the argument it
 * objects to (`shell=True` in a call written over several lines) and runs the range of an import over the
 * blank lines after it; the region covers the whole range, less the trailing lines its code shows blank, so
 * that it overlaps what other tools report for the same statement.
 */
function region(result: BanditResult): Sarif.Region {
  const lines = numberedLines(result.code);
  const startLine = result.line_range.reduce((least, line) => Math.min(least, line), result.line_number);
  let endLine = result.line_range.reduce((most, line) => Math.max(most, line), result.line_number);
  while (endLine > result.line_number && lines.get(endLine)?.trim() === '') endLine--;
  // col_offset is the column on line_number: it is only a start column when the region starts there.
  const startColumn = result.col_offset === undefined || startLine !== result.line_number ? undefined : utf16Column(lines.get(startLine), result.col_offset);
  const snippet = lineRange(lines, startLine, endLine);
  return {
    startLine,
    endLine,
    ...(startColumn !== undefined ? { startColumn } : {}),
    ...(snippet !== undefined ? { snippet: { text: snippet } } : {}),
  };
}

/** bandit's `code` is the issue's lines with context, each `<number> <text>`; returns number → text. */
function numberedLines(code: string | undefined): Map<number, string> {
  const lines = new Map<number, string>();
  for (const line of (code ?? '').split('\n')) {
    const match = /^(\d+) ([^]*)$/.exec(line);
    if (match) lines.set(Number(match[1]), match[2]!);
  }
  return lines;
}

function lineRange(lines: Map<number, string>, start: number, end: number): string | undefined {
  const texts: string[] = [];
  for (let line = start; line <= end; line++) {
    const text = lines.get(line);
    if (text === undefined) return undefined;
    texts.push(text);
  }
  return `${texts.join('\n')}\n`;
}

/** Python counts columns in UTF-8 bytes; SARIF (columnKind utf16CodeUnits) in UTF-16 code units, from 1. */
function utf16Column(lineText: string | undefined, byteOffset: number): number {
  if (lineText === undefined) return byteOffset + 1;
  const bytes = Buffer.from(lineText, 'utf8');
  if (byteOffset > bytes.length) return byteOffset + 1;
  return bytes.subarray(0, byteOffset).toString('utf8').length + 1;
}

/** A file inside `cwd` is a URI reference relative to %SRCROOT%; one outside it is an absolute file URI. */
function artifactLocation(filename: string, cwd: string): Sarif.ArtifactLocation {
  const absolute = resolve(cwd, filename);
  const path = relative(cwd, absolute);
  if (path === '' || path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path)) return { uri: pathToFileURL(absolute).href };
  return { uri: path.split(sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUri(directory: string): string {
  return pathToFileURL(resolve(directory)).href.replace(/\/?$/, '/');
}
