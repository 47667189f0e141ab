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
