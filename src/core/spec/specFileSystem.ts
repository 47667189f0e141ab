/**
 * The file access spec checks need, injected so the core stays free of editor APIs and tests can use
 * an in-memory map. Paths are absolute. Implementations must not throw: a missing or unreadable
 * file is `undefined`.
 */
export interface SpecFileSystem {
  stat(absPath: string): { readonly mtimeMs: number; readonly size: number; readonly isFile: boolean } | undefined;
  readText(absPath: string): string | undefined;
  /** The file's bytes (binary data such as `.sav`); when absent, binary data is streamed from disk instead. */
  readBytes?(absPath: string): Uint8Array | undefined;
}
