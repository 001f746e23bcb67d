import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../errors.js';
import { languageById } from '../languages/registry.js';
import type { Rule } from '../rules/rule.js';
import type { SourceFile } from './discover.js';
import type { WorkerReply } from './parallel.js';
import { analyzeFile } from './scan.js';

// A scan worker: analyses the batches of files the main thread sends and replies with their outcomes.
const { rules, options } = workerData as { rules: Rule[]; options: { complexity: boolean } };

parentPort!.on('message', ({ batch, files }: { batch: number; files: (Omit<SourceFile, 'language'> & { languageId: string })[] }) => {
  let reply: WorkerReply;
  try {
    const outcomes = files.map((file) =>
      analyzeFile({ absolutePath: file.absolutePath, path: file.path, language: languageById(file.languageId)! }, rules, options),
    );
    reply = { kind: 'done', batch, outcomes };
  } catch (error) {
    reply = error instanceof UserError ? { kind: 'user-error', message: error.message } : { kind: 'crash', message: String((error as Error)?.stack ?? error) };
  }
  parentPort!.postMessage(reply);
});
