import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { canonicalJson } from '../runStore/canonicalJson';
import { fromWireBody } from './fromWireBody';
import type { PlannedRequest } from './plannedRequest';

/**
 * Streams a plan from a JSONL file in batch-input format (`{custom_id, method, url, body}` per line, as
 * `exportBatchFiles` writes it). Lines with identical bodies are repeated samples: they get sample indices
 * 0, 1, 2, … in file order, so their answers are cached apart. A UTF-8 byte order mark at the start is
 * ignored. Throws with the line number on a bad line: not a JSON object, an empty `custom_id`, a method
 * other than POST, a url other than the chat or completions API, a body that is not a request.
 */
export async function* readPlanFile(path: string): AsyncGenerator<PlannedRequest> {
  const seen = new Map<string, number>();
  let rest = '';
  let lineNo = 0;
  const parse = (line: string): PlannedRequest | undefined => {
    lineNo++;
    if (line.trim() === '') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(lineNo === 1 ? line.replace(/^\uFEFF/, '') : line);
    } catch {
      throw new SyntaxError(`${path}:${lineNo}: not JSON`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new TypeError(`${path}:${lineNo}: expected a JSON object {custom_id, method, url, body}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
    }
    const item = value as { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
    if (typeof item.custom_id !== 'string' || item.custom_id.trim() === '') {
      throw new TypeError(`${path}:${lineNo}: custom_id must be a non-empty string (it is how answers are matched to requests)`);
    }
    if (item.method !== undefined && item.method !== 'POST') {
      throw new TypeError(`${path}:${lineNo}: method ${typeof item.method === 'string' ? item.method : JSON.stringify(item.method)} is not supported: completion requests are sent with POST`);
    }
    if (typeof item.url !== 'string' || !/\/(chat\/)?completions$/.test(item.url) || item.body === null || typeof item.body !== 'object' || Array.isArray(item.body)) {
      if (typeof item.url === 'string' && !/\/(chat\/)?completions$/.test(item.url)) {
        throw new TypeError(`${path}:${lineNo}: url ${item.url} is not supported: use /v1/chat/completions or /v1/completions`);
      }
      throw new TypeError(`${path}:${lineNo}: expected {custom_id, method, url, body}`);
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
