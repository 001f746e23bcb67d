/**
 * What a coding agent may not change itself: loopwarden's policy and ledger, the hooks that run it, and
 * git's own folder. Each would let the agent loosen the gate it is judged by, or stop it running at all.
 */
const PROTECTED: { test: (path: string) => boolean; what: string }[] = [
  { test: (p) => /(^|\/)\.loopwarden\.ya?ml$/.test(p), what: "loopwarden's policy (.loopwarden.yml)" },
  { test: (p) => /(^|\/)\.loopwarden(\/|$)/.test(p), what: "loopwarden's ledger folder (.loopwarden/)" },
  { test: (p) => /(^|\/)\.claude\/settings(\.local)?\.json$/.test(p), what: "Claude Code's hook settings" },
  { test: (p) => /(^|\/)\.cursor\/hooks\.json$/.test(p), what: "Cursor's hook settings" },
  { test: (p) => /(^|\/)\.gemini\/settings\.json$/.test(p), what: "Gemini CLI's hook settings" },
  { test: (p) => /(^|\/)\.codex\/(hooks\.json|config\.toml)$/.test(p), what: "Codex's hook settings" },
  { test: (p) => /(^|\/)\.github\/hooks\/[^/]+\.json$/.test(p), what: "the agent hook settings in .github/hooks/" },
  { test: (p) => /(^|\/)\.husky\//.test(p), what: 'the git hooks in .husky/' },
  { test: (p) => /(^|\/)\.git(\/|$)/.test(p), what: "git's own folder (.git/)" },
];

/**
 * Returns what a repository-relative path (forward slashes) protects, or undefined when an agent may edit
 * it; `extra` are further protected paths, relative too (the allowed-signers file).
 */
export function protectedPathReason(path: string, extra: readonly string[] = []): string | undefined {
  const normal = path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
  if (extra.includes(normal)) return 'the allowed-signers file reviews are verified against';
  // Lower case: on a case-insensitive file system (macOS, Windows) .CLAUDE/settings.json is the same file.
  const lower = normal.toLowerCase();
  return PROTECTED.find((entry) => entry.test(lower))?.what;
}

/** Words in a shell command that name a protected place, whatever the command does with it. */
const PROTECTED_WORDS = /(^|[\s'"=:/])(refs\/worktree\/loopwarden|\.loopwarden(\.ya?ml)?|\.claude\/settings(\.local)?\.json|\.cursor\/hooks\.json|\.gemini\/settings\.json|\.codex\/(hooks\.json|config\.toml)|\.github\/hooks|\.husky|\.git\/(hooks|config))(?=$|[\s'"/;&|)>])/;

/** A command that runs `loopwarden review` or `loopwarden ledger reanchor`, however it is spelled (npx, node …/main.js). */
const PERSON_ONLY = /(loopwarden|main\.js)\b[^;&|\n]*\b(review|reanchor)\b/;

/** Removing the variables that show an agent makes its commands look like a person's. */
const STRIPS_AGENT = /\benv\b[^;&|\n]*\s(-i|-u|--ignore-environment|--unset)\b|\benv\s+-(\s|$)|\bunset\s+[^;&|\n]*\b(CLAUDE|CURSOR|GEMINI|CODEX|CLINE|AIDER|AI_AGENT)/;

/** Ways to run git without the hooks that record and gate commits. */
const SKIPS_GIT_HOOKS = /\bgit\b[^;&|\n]*(\s--no-ver|\score\.hookspath|\scommit\b[^;&|\n]*\s-[a-z]*n)/i;

/**
 * Returns why an agent may not run a shell command, or undefined: approving its own work, re-anchoring the
 * ledger, touching the policy, the ledger or the hooks, or skipping git's hooks are for a person.
 */
export function refusedShellCommand(command: string): string | undefined {
  if (PERSON_ONLY.test(command)) return 'only a person reviews (or re-anchors the ledger): ask the user to run `loopwarden review` in their own terminal';
  const word = PROTECTED_WORDS.exec(command);
  if (word) return `the command touches ${word[2]}: an agent does not change loopwarden's policy, its ledger or the hooks that run it; ask the user`;
  if (STRIPS_AGENT.test(command)) return "the command removes the variables that show a coding agent; an agent's commands are an agent's, ask the user";
  if (SKIPS_GIT_HOOKS.test(command)) return "the command skips (or moves) git's hooks that record and gate commits; ask the user";
  return undefined;
}
