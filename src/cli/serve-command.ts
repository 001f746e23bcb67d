import { Command, Option } from 'commander';
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { UserError } from '../errors.js';
import { DEFAULT_IDLE_MINUTES, WarmServer, isAlive } from '../serve/server.js';
import { socketPathFor } from '../serve/socket-path.js';
import { gitTopLevel } from '../workspace/git.js';

interface ServeFlags {
  stop?: boolean;
  status?: boolean;
  idleTimeout: string;
  background?: boolean;
}

/** Defines `loopwarden serve`. */
export function serveCommand(): Command {
  return new Command('serve')
    .description('keep rules, parsers and the ledger loaded for agent hooks (started on demand by `loopwarden hook`)')
    .option('--stop', 'stop the warm server of this repository')
    .option('--status', 'say whether a warm server runs for this repository')
    .option('--idle-timeout <minutes>', 'stop after this many minutes without a call', String(DEFAULT_IDLE_MINUTES))
    .addOption(new Option('--background').hideHelp())
    .action(async (flags: ServeFlags) => {
      process.exitCode = await runServe(flags);
    });
}

async function runServe(flags: ServeFlags, cwd = process.cwd()): Promise<number> {
  const top = gitTopLevel(cwd);
  if (!top) throw new UserError(`${cwd}: not inside a git work tree`);
  const socket = socketPathFor(top);
  if (flags.stop || flags.status) {
    const alive = await isAlive(socket);
    if (flags.status || !alive) {
      process.stdout.write(alive ? `warm server running for ${top} (socket ${socket})\n` : `no warm server running for ${top}\n`);
      return 0;
    }
    await post(socket, '/stop');
    process.stdout.write(`stopped the warm server for ${top}\n`);
    return 0;
  }
  const idle = Number(flags.idleTimeout);
  if (!Number.isFinite(idle) || idle <= 0) throw new UserError(`--idle-timeout: '${flags.idleTimeout}' is not a positive number of minutes`);
  const server = new WarmServer(top, idle);
  if (!(await server.start())) {
    if (!flags.background) process.stdout.write(`a warm server already runs for ${top} (socket ${socket})\n`);
    return 0;
  }
  const stop = () => server.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  if (!flags.background) process.stdout.write(`warm server for ${top} listening on ${socket}; stops after ${idle} idle minutes (loopwarden serve --stop)\n`);
  await server.closed();
  return existsSync(socket) ? 1 : 0;
}

function post(socket: string, path: string): Promise<void> {
  return new Promise((resolve) => {
    const req = request({ socketPath: socket, path, method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    req.on('error', () => resolve());
    req.end();
  });
}
