/** Exit codes of the persona-studio CLI. */
export const ExitCode = {
  ok: 0,
  /** The command ran and found problems (validation errors, failed checks). */
  problems: 1,
  /** Bad input or usage: missing file, unknown column, unparseable value. */
  badInput: 2,
  /** Interrupted by the user (Ctrl-C). */
  interrupted: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the CLI prints as one line on stderr before exiting with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.badInput,
  ) {
    super(message);
    this.name = 'CliError';
  }

  static is(err: unknown): err is CliError {
    return err instanceof CliError;
  }
}
