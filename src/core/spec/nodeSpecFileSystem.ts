import { readFileSync, statSync } from 'node:fs';
import type { SpecFileSystem } from './specFileSystem';

/** Spec file access on the local disk (used by the CLI and the extension host). */
export const nodeSpecFileSystem: SpecFileSystem = {
  stat(absPath) {
    try {
      const s = statSync(absPath);
      return { mtimeMs: s.mtimeMs, size: s.size, isFile: s.isFile() };
    } catch {
      return undefined;
    }
  },
  readText(absPath) {
    try {
      return readFileSync(absPath, 'utf8');
    } catch {
      return undefined;
    }
  },
};
