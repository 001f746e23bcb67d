import picocolors from 'picocolors';

// Commands define `--color` before `--no-color`: commander then leaves the value undefined when neither
// is given (so picocolors decides), and the last of the two on the command line wins.

/** Help for `--color`: an explicit flag overrides NO_COLOR, as no-color.org asks of command-line arguments. */
export const COLOR_HELP = 'colour the text report even when not on a terminal, and despite NO_COLOR';

/** Help for `--no-color`. */
export const NO_COLOR_HELP = 'never colour the text report';

/**
 * Returns whether a command colours its text: `--color` (true) or `--no-color` (false) when given, else
 * picocolors' detection (FORCE_COLOR, NO_COLOR, TERM=dumb, CI, standard output a terminal); never when
 * the report goes to a file.
 */
export function shouldColor(flag: boolean | undefined, options: { toFile?: boolean } = {}): boolean {
  if (options.toFile) return false;
  return flag ?? picocolors.isColorSupported;
}
