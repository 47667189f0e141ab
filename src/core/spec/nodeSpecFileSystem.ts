import { readFileSync, statSync, type Stats } from 'node:fs';
import type { FileKind, SpecFileSystem } from './specFileSystem';

/** Spec file access on the local disk (used by the CLI and the extension host). */
export const nodeSpecFileSystem: SpecFileSystem = {
  stat(absPath) {
    try {
      const s = statSync(absPath);
      return { mtimeMs: s.mtimeMs, size: s.size, isFile: s.isFile(), kind: fileKindOf(s) };
    } catch {
      return undefined;
    }
  },
  readText(absPath) {
    try {
      // Regular files only: reading a named pipe blocks until a writer appears, a device may never end.
      if (!statSync(absPath).isFile()) return undefined;
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** What `stats` describes. */
export function fileKindOf(stats: Stats): FileKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isCharacterDevice()) return 'character-device';
  if (stats.isBlockDevice()) return 'block-device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}
