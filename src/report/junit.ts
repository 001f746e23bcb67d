import { seenByLabel, type Finding } from '../findings/finding.js';

/** What a JUnit report holds: the findings that fail, and when and where the run happened. */
export interface JunitInput {
  suite: string;
  findings: Finding[];
  /** Local time without a zone, `YYYY-MM-DDTHH:MM:SS`, as the Ant JUnit schema wants it. */
  timestamp: string;
  hostname: string;
}

/**
 * Renders one JUnit `<testsuite>` (the Apache Ant format CI systems read): one failing test case per
 * finding, or one passing test case when there is none.
 */
export function renderJunit(input: JunitInput): string {
  const cases = input.findings.length
    ? input.findings.map((f) => {
        const title = `${f.severity} ${f.cwe.join('/')} ${f.ruleId}${seenByLabel(f)}: ${firstSentence(f.message)}`;
        const body = `${f.path}:${f.startLine}:${f.startColumn}${f.function ? ` in ${f.function}` : ''}\n${f.snippet}\n\n${f.message}\nfix: ${f.fix}`;
        return `  <testcase name="${xml(`${f.ruleId} at ${f.path}:${f.startLine}`)}" classname="${xml(`loopwarden.${f.path}`)}" time="0">\n    <failure message="${xml(title)}" type="${xml(f.severity)}">${xml(body, false)}</failure>\n  </testcase>`;
      })
    : ['  <testcase name="no findings introduced" classname="loopwarden" time="0"/>'];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuite name="${xml(input.suite)}" timestamp="${xml(input.timestamp)}" hostname="${xml(input.hostname || 'localhost')}" tests="${cases.length}" failures="${input.findings.length}" errors="0" skipped="0" time="0">`,
    '  <properties/>',
    ...cases,
    '  <system-out/>',
    '  <system-err/>',
    '</testsuite>',
    '',
  ].join('\n');
}

function firstSentence(text: string): string {
  const match = /^(.*?[.!?])(\s|$)/s.exec(text);
  return match ? match[1]! : text;
}

/** Escapes text for an XML attribute (or, with `attribute` false, content); characters XML 1.0 cannot hold become U+FFFD. */
function xml(text: string, attribute = true): string {
  const escaped = text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
  // A newline in an attribute value would be read back as a space.
  return attribute ? escaped.replace(/\n/g, '&#10;') : escaped;
}
