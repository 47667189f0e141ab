import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { canonicalJson } from '../runStore/canonicalJson';
import { fromWireBody } from './fromWireBody';
import type { PlannedRequest } from './plannedRequest';

/**
 * Streams a plan from a JSONL file in batch-input format (`{custom_id, method, url, body}` per line, as
 * `exportBatchFiles` writes it). Lines with identical bodies are repeated samples: they get sample indices
 * 0, 1, 2, … in file order, so their answers are cached apart. Throws with the line number on a bad line.
 */
export async function* readPlanFile(path: string): AsyncGenerator<PlannedRequest> {
  const seen = new Map<string, number>();
  let rest = '';
  let lineNo = 0;
  const parse = (line: string): PlannedRequest | undefined => {
    lineNo++;
    if (line.trim() === '') return undefined;
    let item: { custom_id?: unknown; url?: unknown; body?: unknown };
    try {
      item = JSON.parse(line) as typeof item;
    } catch {
      throw new SyntaxError(`${path}:${lineNo}: not JSON`);
    }
    if (typeof item.custom_id !== 'string' || typeof item.url !== 'string' || item.body === null || typeof item.body !== 'object') {
      throw new TypeError(`${path}:${lineNo}: expected {custom_id, url, body}`);
    }
    let request;
    try {
      request = fromWireBody(item.body as Record<string, unknown>, item.url);
    } catch (err) {
      throw new TypeError(`${path}:${lineNo}: ${err instanceof Error ? err.message : String(err)}`);
    }
    const h = createHash('sha256').update(canonicalJson(item.body)).digest('base64');
    const sampleIndex = seen.get(h) ?? 0;
    seen.set(h, sampleIndex + 1);
    return { id: item.custom_id, request, sampleIndex };
  };
  for await (const chunk of fs.createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + (chunk as string)).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) {
      const p = parse(line);
      if (p) yield p;
    }
  }
  const last = parse(rest);
  if (last) yield last;
}
