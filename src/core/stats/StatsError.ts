/** Why a statistics or matching function refused its input. */
export type StatsErrorReason =
  | 'emptySample'
  | 'tooFewRows'
  | 'shapeMismatch'
  | 'invalidValue'
  | 'invalidWeights'
  | 'invalidOption'
  | 'unknownColumn'
  | 'tooFewPersonas'
  | 'infeasible';

/**
 * The one error type of `src/core/stats` and `src/core/matching`.
 * Branch on `reason` (never on the message text); `StatsError.is(err, reason?)` is the type guard.
 */
export class StatsError extends Error {
  constructor(
    readonly reason: StatsErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'StatsError';
  }

  /** True when `err` is a StatsError (and, if given, has this `reason`). */
  static is(err: unknown, reason?: StatsErrorReason): err is StatsError {
    return err instanceof StatsError && (reason === undefined || err.reason === reason);
  }
}
