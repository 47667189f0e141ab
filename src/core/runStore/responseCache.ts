import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { LlmResponse } from '../llm/llmResponse';
import { writeFileAtomicSync } from './writeFileAtomic';

interface CacheEntry {
  readonly v: 1;
  readonly key: string;
  readonly response: LlmResponse;
}

/**
 * A content-addressed answer cache on disk: one small file per key under 4,096 fan-out folders
 * (`<root>/abc/<key>.json`), so millions of entries never need to be loaded or listed. Entries are written
 * with exclusive create, so of concurrent
 * writers (threads or processes) one wins and the rest keep its entry; an entry torn by a crash reads as a
 * miss and is replaced on the next write. Only answers are stored, never errors.
 */
export class ResponseCache {
  private readonly madeDirs = new Set<string>();

  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    if (!/^[0-9a-f]{16,}$/.test(key)) throw new TypeError(`not a cache key: ${key}`);
    return nodePath.join(this.root, key.slice(0, 3), `${key}.json`);
  }

  /** The cached answer, or `undefined`. Reads synchronously: one small file reads far faster than a thread-pool hop. */
  async get(key: string): Promise<LlmResponse | undefined> {
    return this.getSync(key);
  }

  getSync(key: string): LlmResponse | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.pathOf(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    try {
      const entry = JSON.parse(text) as CacheEntry;
      return entry.v === 1 && entry.key === key ? entry.response : undefined;
    } catch {
      return undefined; // a damaged entry is a miss; the next answer overwrites it
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await fs.promises.access(this.pathOf(key));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Stores an answer. The entry is created exclusively at its final path (one open, write, close); if an
   * entry already exists and reads back whole, it is kept (same key, same request); a damaged one (a crash
   * mid-write) is replaced by a temporary file renamed over it. File creation is slow on many disks, so it
   * runs on the thread pool (the callback API: lighter than `fs.promises`' file handles).
   */
  async put(key: string, response: LlmResponse): Promise<void> {
    const path = this.pathOf(key);
    const dir = nodePath.dirname(path);
    if (!this.madeDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const text = JSON.stringify({ v: 1, key, response } satisfies CacheEntry);
    const code = await new Promise<string | undefined>((resolve, reject) =>
      fs.writeFile(path, text, { flag: 'wx' }, (err) => (err == null ? resolve(undefined) : err.code === 'EEXIST' ? resolve(err.code) : reject(err))),
    );
    if (code === 'EEXIST' && this.getSync(key) === undefined) writeFileAtomicSync(path, text);
  }
}
