import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { LlmResponse } from '../llm/llmResponse';
import { writeFileAtomic } from './writeFileAtomic';

interface CacheEntry {
  readonly v: 1;
  readonly key: string;
  readonly response: LlmResponse;
}

/**
 * A content-addressed answer cache on disk: one small file per key under 4,096 fan-out folders
 * (`<root>/abc/<key>.json`), so millions of entries never need to be loaded or listed. Entries are written
 * (asynchronously: file creation is slow, parallel writes hide it) to a temporary file and renamed into place, which makes concurrent writers (threads or processes) and
 * crashes harmless: a reader sees a whole entry or none. Only answers are stored, never errors.
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

  async put(key: string, response: LlmResponse): Promise<void> {
    const path = this.pathOf(key);
    const dir = nodePath.dirname(path);
    if (!this.madeDirs.has(dir)) {
      await fs.promises.mkdir(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    const entry: CacheEntry = { v: 1, key, response };
    await writeFileAtomic(path, JSON.stringify(entry));
  }
}
