import path from 'node:path';
import type { SpecFileSystem } from '../../src/core/spec/specFileSystem';

/** An in-memory SpecFileSystem over `files` (absolute or relative-to-`root` paths → contents). */
export function memoryFileSystem(files: Record<string, string>, root = '/ws'): SpecFileSystem {
  const byPath = new Map(Object.entries(files).map(([p, c]) => [path.resolve(root, p), c]));
  return {
    stat: (p) => {
      const c = byPath.get(p);
      return c === undefined ? undefined : { mtimeMs: 1, size: c.length, isFile: true };
    },
    readText: (p) => byPath.get(p),
  };
}
