import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { CliError, ExitCode } from './cliError';

/**
 * Writes a command's output file atomically: the text goes to a temporary file next to `file`, which then takes its
 * place in one step — by `link` (fails if `file` exists, so nothing is ever overwritten) or, with `force`, by `rename`.
 * A reader never sees a partial file, and a failed write leaves no file behind.
 * @throws CliError (exit 2) when `file` exists and `force` is not set, or the folder cannot be written
 */
export function writeOutputFile(file: string, shownAs: string, text: string, force: boolean): void {
  checkOutputFile(file, shownAs, force);
  const tmp = tempNameFor(file);
  try {
    try {
      fs.writeFileSync(tmp, text);
    } catch (err) {
      throw cannotWrite(shownAs, err);
    }
    commitOutputFile(tmp, file, shownAs, force);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** @throws CliError when `file` exists and `force` is not set */
export function checkOutputFile(file: string, shownAs: string, force: boolean): void {
  if (!force && fs.existsSync(file)) throw new CliError(`${shownAs} already exists; pass --force to replace it, or choose another --out`, ExitCode.badInput);
}

/** A unique temporary name next to `file`. */
export function tempNameFor(file: string): string {
  return `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
}

/**
 * Puts a finished temporary file in place of `file` in one step: `link` (never over an existing file) or, with
 * `force`, `rename`. The caller removes `tmp` afterwards (a no-op after a rename).
 * @throws CliError (exit 2) when `file` appeared meanwhile, or the folder cannot be written
 */
export function commitOutputFile(tmp: string, file: string, shownAs: string, force: boolean): void {
  try {
    if (force) fs.renameSync(tmp, file);
    else fs.linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${shownAs} already exists; pass --force to replace it, or choose another --out`, ExitCode.badInput);
    throw cannotWrite(shownAs, err);
  }
}

/** The one-line error for a file that cannot be written. */
export function cannotWrite(shownAs: string, err: unknown): CliError {
  const code = (err as NodeJS.ErrnoException).code;
  return new CliError(`${shownAs}: cannot write the file (${code ?? String(err)})`, ExitCode.badInput);
}
