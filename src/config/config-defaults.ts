/** Default size above which files are skipped: 1 MiB of source is generated code, not hand-written. */
export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;
