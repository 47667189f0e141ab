/** What every CLI command receives: output streams, the working directory and a cancellation signal. */
export interface CliContext {
  readonly cwd: string;
  readonly signal: AbortSignal;
  out(text: string): void;
  err(text: string): void;
  /** Set the process exit code without exiting (the last one set wins). */
  setExitCode(code: number): void;
}
