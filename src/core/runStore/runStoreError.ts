/**
 * Why a run folder could not be opened:
 * - `in-use` another live process holds its lock;
 * - `mismatch` it holds a run of another spec or model;
 * - `damaged` a file in it is not what it should be (a manifest that is empty, not JSON or not a manifest; a
 *   journal or cache of the wrong kind; an unreadable file). Nothing in the folder was changed.
 */
export type RunStoreErrorReason = 'in-use' | 'mismatch' | 'damaged';

/** A run folder that cannot be opened; the message names the file and what to do. */
export class RunStoreError extends Error {
  constructor(
    readonly reason: RunStoreErrorReason,
    message: string,
    /** The file or folder at fault. */
    readonly path?: string,
  ) {
    super(message);
    this.name = 'RunStoreError';
  }

  static is(err: unknown, reason?: RunStoreErrorReason): err is RunStoreError {
    return err instanceof RunStoreError && (reason === undefined || err.reason === reason);
  }
}
