import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file runs from dist/fuzz/). */
export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** How a YAML input is put on disk: as a regular file with `bytes`, or as something that is not one. */
export type YamlPlacement = 'file' | 'fifo' | 'link-loop' | 'dangling-link' | 'link-to-dev-zero' | 'directory';

/** One hostile input: a source file for the engine, or a YAML file for the config and rule loaders. */
export type FuzzInput =
  | { target: 'source'; label: string; name: string; bytes: Buffer }
  | { target: 'yaml'; label: string; placement: YamlPlacement; bytes: Buffer };
