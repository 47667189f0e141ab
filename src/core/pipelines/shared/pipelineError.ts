/** Why a pipeline stage could not run or stopped. */
export type PipelineErrorReason =
  /** The spec or a flag asks for something the stage cannot do (fix the spec). */
  | 'config'
  /** An input file (backstories, demographics, human data) is missing or unreadable. */
  | 'input'
  /** The run was cancelled (Ctrl-C, the editor's cancel); re-running resumes. */
  | 'cancelled'
  /** The user declined the cost estimate. */
  | 'declined'
  /** Batch files were exported for an external runner; import its results to continue. */
  | 'awaiting-import';

/** A pipeline failure with a `reason`; the message says what is wrong and how to fix it. */
export class PipelineError extends Error {
  constructor(
    readonly reason: PipelineErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }

  static is(err: unknown, reason?: PipelineErrorReason): err is PipelineError {
    return err instanceof PipelineError && (reason === undefined || err.reason === reason);
  }
}
