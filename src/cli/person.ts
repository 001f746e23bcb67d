import { createInterface as createLineReader } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import { UserError } from '../errors.js';
import { detectAgent } from '../policy/agent-environment.js';

/** Returns whether standard input and output are a terminal. */
export function atTerminal(): boolean {
  return process.stdin.isTTY === true && process.stdout.isTTY === true;
}

/**
 * Refuses (UserError) unless a person seems to be at the keyboard: a terminal, and no coding agent in the
 * environment. `what` names the action, `otherwise` how to do it without a terminal, if there is a way.
 */
export function requirePerson(what: string, env: NodeJS.ProcessEnv, otherwise = ''): void {
  const agent = detectAgent(env);
  if (agent) throw new UserError(`${what} refused: the environment shows ${agent.agent} (${agent.variable}); an agent cannot do this for itself. A person does it at a terminal${otherwise}`);
  if (!atTerminal()) throw new UserError(`${what} refused: no terminal (standard input and output must be a TTY); a person does it at a terminal${otherwise}`);
}

/**
 * Whether a person is seen running this command: its output goes to a terminal and no coding agent is in
 * the environment. An agent's shell tool captures output through pipes (one that fakes a terminal with its
 * variables removed is not stopped here; see the README).
 */
export function personAtTerminal(env: NodeJS.ProcessEnv): boolean {
  return (process.stdout.isTTY === true || process.stderr.isTTY === true) && detectAgent(env) === undefined;
}

/** Asks a yes/no question on the terminal; only y or yes is a yes. */
export async function confirm(question: string, output: NodeJS.WritableStream): Promise<boolean> {
  const readline = createInterface({ input: process.stdin, output });
  try {
    return /^y(es)?$/i.test((await readline.question(question)).trim());
  } finally {
    readline.close();
  }
}

/** Reads a password: asked on the terminal without echo, else the first line of standard input. */
export async function readPassword(prompt: string): Promise<string> {
  const readline = createLineReader({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY === true });
  if (process.stdin.isTTY) {
    process.stderr.write(prompt);
    // Echo nothing of what is typed.
    (readline as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = () => {};
  }
  try {
    const line = await new Promise<string>((resolve, reject) => {
      readline.once('line', resolve);
      readline.once('close', () => reject(new UserError('no password given (standard input ended)')));
    });
    if (process.stdin.isTTY) process.stderr.write('\n');
    return line;
  } finally {
    readline.close();
  }
}
