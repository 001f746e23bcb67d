import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** The transcript's last lines are enough: each assistant message names its model. */
const TAIL_BYTES = 256 * 1024;

/**
 * The model named by the last assistant message of a JSONL transcript (Claude Code and Codex keep one),
 * or undefined when there is none or the file cannot be read: the model is provenance, never a gate.
 */
export function modelFromTranscript(path: string | undefined): string | undefined {
  if (!path) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const { size, isFile } = fstatSync(fd);
    if (!isFile.call(fstatSync(fd))) return undefined;
    const length = Math.min(size, TAIL_BYTES);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    const models = [...buffer.toString('utf8').matchAll(/"model"\s*:\s*"([^"\\]{1,200})"/g)].map((m) => m[1]!);
    return models.filter((m) => m !== '<synthetic>').at(-1);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
