/** Why a data table was rejected. */
export type DataErrorReason =
  | 'parse'
  | 'emptyFile'
  | 'unknownColumn'
  | 'notNumeric'
  | 'tooFewRows'
  | 'duplicateColumn'
  | 'raggedRow'
  | 'unsupportedFormat'
  | 'unreadable';

/**
 * A problem in a data file. The message is one line naming the file and, where known, the line and column;
 * `line` (1-based file line) and `column` (header name) are there for callers. Branch on `reason`, never the message.
 */
export class DataError extends Error {
  constructor(
    readonly reason: DataErrorReason,
    message: string,
    readonly source: string,
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'DataError';
  }

  /** True when `err` is a DataError (and, if given, has this `reason`). */
  static is(err: unknown, reason?: DataErrorReason): err is DataError {
    return err instanceof DataError && (reason === undefined || err.reason === reason);
  }
}
