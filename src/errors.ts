/** An error the user can cause and fix: printed as one line, exit code 2, never a stack trace. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** Returns the error's message when it is a UserError or a Node system error; undefined for bugs. */
export function describeUserFacingError(error: unknown): string | undefined {
  if (error instanceof UserError) return error.message;
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const code = String((error as { code: unknown }).code);
    const path = (error as { path?: unknown }).path;
    const reasons: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      ELOOP: 'too many levels of symbolic links',
      EMFILE: 'too many open files',
    };
    if (code in reasons) return `${path ? String(path) : 'input'}: ${reasons[code]}`;
  }
  return undefined;
}
