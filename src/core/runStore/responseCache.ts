import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { LlmResponse } from '../llm/llmResponse';

/**
 * A content-addressed answer cache on disk, in 4,096 append-only bucket files named by the first three hex
 * digits of the key (`<root>/abc.jsonl`). Each entry is one line `<key>\t<response JSON>\t`, written with a
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
    const raw = this.getRawSync(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as LlmResponse);
  }

  /**
   * The cached answer as the JSON text it was stored as (so it can be copied into a journal line without
   * parsing and serialising it again), or `undefined`. Only whole entries count: every entry ends with a tab
   * that JSON text cannot contain, so a line torn by a crash is recognised without parsing it.
   */
  getRawSync(key: string): string | undefined {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.bucketOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    // search the raw bytes (keys are ASCII) and decode only the matching line
    const marker = Buffer.from(`\n${key}\t`, 'latin1');
    for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + 1)) {
      const start = at + marker.length;
      const end = bytes.indexOf(0x0a, start);
      if (end < 0) break; // torn, or still being written
      if (end > start + 1 && bytes[end - 1] === 0x09) return bytes.toString('utf8', start, end - 1);
      // a torn line: look for a later copy
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
    fs.appendFileSync(path, `\n${key}\t${JSON.stringify(response)}\t\n`);
  }
}
