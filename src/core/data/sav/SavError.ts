import { DataError } from '../DataError';

/**
 * Why a `.sav` file was rejected:
 * - `notSav` the file does not start like an SPSS system file (`$FL2`/`$FL3`, layout code 2 or 3);
 * - `truncated` the file ends before a record or a case is complete;
 * - `corrupt` a record holds a value the format does not allow (a negative length, an unknown record type, …);
 * - `unsupported` a valid file uses something this reader does not read (EBCDIC, VAX floats, an unknown encoding).
 */
export type SavErrorReason = 'notSav' | 'truncated' | 'corrupt' | 'unsupported';

/**
 * A problem in an SPSS system file. The message is one line: the file, what is wrong, and where (the byte offset,
 * and the record or case being read). Branch on `savReason`, never on the message. A `DataError` with reason `parse`,
 * so callers that turn data errors into a one-line CLI error handle it unchanged.
 */
export class SavError extends DataError {
  constructor(
    readonly savReason: SavErrorReason,
    message: string,
    source: string,
    /** Byte offset in the file where the problem was found (for zlib data: in the decompressed stream). */
    readonly offset?: number,
  ) {
    super('parse', message, source);
    this.name = 'SavError';
  }

  /** True when `err` is a SavError (and, if given, has this `savReason`). */
  static isSav(err: unknown, reason?: SavErrorReason): err is SavError {
    return err instanceof SavError && (reason === undefined || err.savReason === reason);
  }
}
