import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';

/**
 * Writes `data` to a unique temporary file next to `path` and renames it into place, so readers see the old
 * content or the new one, never a mix, and concurrent writers of the same path each leave a whole file.
 */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await fs.promises.writeFile(tmp, data);
    await fs.promises.rename(tmp, path);
  } catch (err) {
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}

/** The synchronous form of `writeFileAtomic`. */
export function writeFileAtomicSync(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, path);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * `writeFileAtomic` for text too large to hold as one string: the lines are written as they come (gathered into
 * 1 MB writes) to a temporary file next to `path`, which is renamed into place at the end; on any error (the
 * iterable's too) the temporary file is removed and `path` is untouched.
 */
export async function writeLinesAtomic(path: string, lines: AsyncIterable<string>): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.promises.open(tmp, 'w');
  try {
    let buffer = '';
    for await (const line of lines) {
      buffer += line;
      if (buffer.length >= 1 << 20) {
        await handle.write(buffer);
        buffer = '';
      }
    }
    if (buffer !== '') await handle.write(buffer);
    await handle.close();
    await fs.promises.rename(tmp, path);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.promises.rm(tmp, { force: true });
    throw err;
  }
}
