/**
 * Why a spec could not become a typed model or a template could not be rendered.
 * - `invalid-spec`: the spec does not have the shape the schema requires (validate it first; the message
 *   names the key);
 * - `unknown-variable`: a template uses a `{{variable}}` the renderer was not given;
 * - `bad-pattern`: an `accept` pattern is not a valid regular expression.
 */
export type SpecModelErrorReason = 'invalid-spec' | 'unknown-variable' | 'bad-pattern';

/** A spec that cannot be read as a typed model, or a template that cannot be rendered. */
export class SpecModelError extends Error {
  constructor(
    readonly reason: SpecModelErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'SpecModelError';
  }

  static is(e: unknown, reason?: SpecModelErrorReason): e is SpecModelError {
    return e instanceof SpecModelError && (reason === undefined || e.reason === reason);
  }
}
