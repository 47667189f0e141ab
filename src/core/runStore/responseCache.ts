import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { LlmResponse } from '../llm/llmResponse';

/**
 * A content-addressed answer cache on disk, in 4,096 append-only bucket files named by the first three hex
 * digits of the key (`<root>/abc.jsonl`). Each entry is one line `<key>\t<response JSON>`, written with a
 * single append preceded by a newline, so:
 * - concurrent writers (threads or processes) never interleave (one `write` per entry on an append-only
 *   file) and a crash can only leave a torn last line, which reads as a miss and never spoils the next entry;
 * - a lookup reads one bucket (1/4,096 of the cache), so millions of entries are never loaded at once;
 * - after the first 4,096 entries no file is created any more (creating files is what disks do slowest).
 * Only answers are stored, never errors.
 */
export class ResponseCache {
  private rootMade = false;

  constructor(readonly root: string) {}

  private bucketOf(key: string): string {
    if (!/^[0-9a-f]{16,}$/.test(key)) throw new TypeError(`not a cache key: ${key}`);
    return nodePath.join(this.root, `${key.slice(0, 3)}.jsonl`);
  }

  /** The cached answer, or `undefined`. */
  async get(key: string): Promise<LlmResponse | undefined> {
    return this.getSync(key);
  }

  /** Synchronous lookup: reading one small file is far faster than a thread-pool round trip. */
  getSync(key: string): LlmResponse | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.bucketOf(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    const marker = `\n${key}\t`;
    for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
      const start = at + marker.length;
      const end = text.indexOf('\n', start);
      if (end < 0) break; // torn or still being written
      try {
        return JSON.parse(text.slice(start, end)) as LlmResponse;
      } catch {
        // a damaged line: look for a later copy
      }
    }
    return undefined;
  }

  async has(key: string): Promise<boolean> {
    return this.getSync(key) !== undefined;
  }

  async put(key: string, response: LlmResponse): Promise<void> {
    this.putSync(key, response);
  }

  putSync(key: string, response: LlmResponse): void {
    const path = this.bucketOf(key);
    if (!this.rootMade) {
      fs.mkdirSync(this.root, { recursive: true });
      this.rootMade = true;
    }
    fs.appendFileSync(path, `\n${key}\t${JSON.stringify(response)}\n`);
  }
}
