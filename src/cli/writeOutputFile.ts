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
  if (!force && fs.existsSync(file)) throw new CliError(`${shownAs} already exists; pass --force to replace it, or choose another --out`, ExitCode.badInput);
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, text);
    if (force) fs.renameSync(tmp, file);
    else fs.linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new CliError(`${shownAs} already exists; pass --force to replace it, or choose another --out`, ExitCode.badInput);
    throw new CliError(`${shownAs}: cannot write the file (${code ?? String(err)})`, ExitCode.badInput);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
