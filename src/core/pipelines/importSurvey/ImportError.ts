/** Why a survey spec could not be imported: `noQuestions` no variable has two answer labels; `noData` a codebook without its data file. */
export type ImportErrorReason = 'noQuestions' | 'noData';

/** A survey import that cannot produce a spec; the message is one line naming the file. Branch on `reason`. */
export class ImportError extends Error {
  constructor(
    readonly reason: ImportErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'ImportError';
  }

  static is(err: unknown, reason?: ImportErrorReason): err is ImportError {
    return err instanceof ImportError && (reason === undefined || err.reason === reason);
  }
}
