import { UserError } from '../errors.js';

/**
 * A job that cannot succeed as asked (an unknown repository, a source that is not there, a revision that is
 * not a commit): it fails at once with this message, without the retries a dying worker's job gets.
 */
export class JobInputError extends UserError {}
