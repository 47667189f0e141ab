/** What a path names on disk, so a message can say "is a folder" or "is a named pipe" instead of "not found". */
export type FileKind = 'file' | 'directory' | 'fifo' | 'character-device' | 'block-device' | 'socket' | 'other';

/**
 * The file access spec checks need, injected so the core stays free of editor APIs and tests can use
 * an in-memory map. Paths are absolute. Implementations must not throw: a missing or unreadable
 * file is `undefined`, and `readText` reads regular files only (a named pipe would block forever).
 */
export interface SpecFileSystem {
  stat(absPath: string): { readonly mtimeMs: number; readonly size: number; readonly isFile: boolean; readonly kind?: FileKind } | undefined;
  readText(absPath: string): string | undefined;
  /** The file's bytes (binary data such as `.sav`); when absent, binary data is streamed from disk instead. */
  readBytes?(absPath: string): Uint8Array | undefined;
}

/** `a folder`, `a named pipe (FIFO)`, …: how a message names what a path is when it is not a regular file. */
export function describeFileKind(kind: FileKind | undefined, isFile: boolean): string {
  switch (kind ?? (isFile ? 'file' : 'directory')) {
    case 'file':
      return 'a file';
    case 'directory':
      return 'a folder';
    case 'fifo':
      return 'a named pipe (FIFO)';
    case 'character-device':
      return 'a character device';
    case 'block-device':
      return 'a block device';
    case 'socket':
      return 'a socket';
    default:
      return 'not a regular file';
  }
}
