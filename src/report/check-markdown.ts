import type { CheckResult } from '../iterations/check.js';
import { nextSteps } from '../policy/next-steps.js';
import { renderIterationMarkdown } from './iteration-markdown.js';
import { checkHeadline } from './check-text.js';

const ICON = { pass: '✅', warn: '⚠️', 'review-required': '👀', block: '⛔' } as const;

/** Renders a check as PR-comment Markdown: headline, reasons, next steps, then the iteration's diff. */
export function renderCheckMarkdown(result: CheckResult): string {
  const { verdict } = result;
  const out = ['## loopwarden', '', `**${ICON[verdict.level]} ${escape(checkHeadline(result))}**`, ''];
  for (const reason of verdict.reasons) out.push(`- ${ICON[reason.level]} ${escape(reason.message)}`);
  if (verdict.reasons.length) out.push('');
  out.push('**Next:**', '', ...nextSteps(verdict).map((step) => `- ${escape(step.text)}`), '');
  const details = renderIterationMarkdown({ diff: result.diff }).replace(/^## loopwarden\n\n/, '');
  return `${out.join('\n')}\n${details}`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
