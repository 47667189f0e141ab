/**
 * Why results could not be shown.
 * - `not-found` no run of the spec has an `analysis.json` yet;
 * - `corrupt` a run file is not JSON or lacks required fields;
 * - `unsupported-schema` the file was written by another version (its `schema` is not one we read);
 * - `unknown-method` / `unknown-question` a request named something the report does not hold;
 * - `no-personas` the method's run folder has no `personas.jsonl` (baselines, ensembles, an unfinished run);
 * - `unknown-persona` a request named a persona the run does not hold.
 */
export type ResultsErrorReason = 'not-found' | 'corrupt' | 'unsupported-schema' | 'unknown-method' | 'unknown-question' | 'no-personas' | 'unknown-persona';

/** A failure to find, read or query results; match on `reason`, never on the message. */
export class ResultsError extends Error {
  override readonly name = 'ResultsError';
  constructor(
    readonly reason: ResultsErrorReason,
    message: string,
  ) {
    super(message);
  }

  static is(err: unknown, reason?: ResultsErrorReason): err is ResultsError {
    return err instanceof ResultsError && (reason === undefined || err.reason === reason);
  }
}
