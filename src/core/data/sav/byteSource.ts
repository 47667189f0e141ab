import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Random-access bytes: a file read in pieces, or a buffer in memory (tests, bytes already read). */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** Copies up to `target.length` bytes starting at `position` into `target`; returns how many were copied (0 at the end). */
  read(position: number, target: Uint8Array): number;
  /** Releases the file handle, if any. Safe to call twice. */
  close(): void;
}

/** A byte source over a buffer. */
export function bufferByteSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(position, target) {
      if (position >= bytes.length) return 0;
      const n = Math.min(target.length, bytes.length - position);
      target.set(bytes.subarray(position, position + n));
      return n;
    },
    close() {},
  };
}

/**
 * A byte source over a file on disk, read with `fs.readSync` in the pieces the caller asks for (never the whole file).
 * @throws the `fs` error (ENOENT, EACCES, …) when the file cannot be opened; code EISDIR or ENOTREG when it is not a
 *   regular file
 */
export function fileByteSource(path: string): ByteSource {
  // a FIFO or device would block the open until a writer comes; a folder cannot be read
  const st = statSync(path);
  if (!st.isFile()) throw Object.assign(new Error(`${path}: not a regular file`), { code: st.isDirectory() ? 'EISDIR' : 'ENOTREG' });
  let fd: number | undefined = openSync(path, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } catch (err) {
    closeSync(fd);
    throw err;
  }
  return {
    size,
    read(position, target) {
      if (fd === undefined) throw new Error(`${path}: read after close`);
      let done = 0;
      while (done < target.length && position + done < size) {
        const n = readSync(fd, target, done, target.length - done, position + done);
        if (n === 0) break;
        done += n;
      }
      return done;
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}
