import { requestPath } from '../llmRequest';
import type { PlannedRequest } from '../plannedRequest';
import { wireBody } from '../wireBody';

export interface BatchShard {
  /** The endpoint every line targets (one per batch job). */
  readonly endpoint: '/v1/chat/completions' | '/v1/completions';
  readonly model: string;
  /** JSONL text, one `{custom_id, method, url, body}` per line. */
  readonly content: string;
  readonly ids: readonly string[];
  readonly bytes: number;
}

export interface ShardLimits {
  /** @default 50000 (OpenAI's limit per batch) */
  readonly maxRequests?: number;
  /** @default 200 MB less a margin (OpenAI's limit per input file) */
  readonly maxBytes?: number;
}

/** One batch input line (OpenAI and vLLM `run-batch` share the format). */
export function batchLine(planned: PlannedRequest): string {
  if (planned.id.length > 64) throw new RangeError(`custom_id longer than 64 characters: ${planned.id}`);
  return JSON.stringify({ custom_id: planned.id, method: 'POST', url: requestPath(planned.request), body: wireBody(planned.request) });
}

/**
 * Splits a plan into batch input files: a new shard at 50,000 requests, near 200 MB, or when the model or
 * endpoint changes (a batch holds one model and one endpoint).
 */
export function* buildBatchShards(requests: Iterable<PlannedRequest>, limits: ShardLimits = {}): Generator<BatchShard> {
  const maxRequests = limits.maxRequests ?? 50_000;
  const maxBytes = limits.maxBytes ?? 200 * 1024 * 1024 - 1024 * 1024;
  let lines: string[] = [];
  let ids: string[] = [];
  let bytes = 0;
  let model = '';
  let endpoint: BatchShard['endpoint'] = '/v1/chat/completions';
  const flush = (): BatchShard | undefined => {
    if (lines.length === 0) return undefined;
    const shard: BatchShard = { endpoint, model, content: lines.join(''), ids, bytes };
    lines = [];
    ids = [];
    bytes = 0;
    return shard;
  };
  for (const planned of requests) {
    const line = `${batchLine(planned)}\n`;
    const size = Buffer.byteLength(line);
    const path = requestPath(planned.request);
    if (lines.length > 0 && (lines.length >= maxRequests || bytes + size > maxBytes || planned.request.model !== model || path !== endpoint)) {
      const shard = flush();
      if (shard) yield shard;
    }
    if (size > maxBytes) throw new RangeError(`request ${planned.id} alone exceeds the batch file limit`);
    model = planned.request.model;
    endpoint = path;
    lines.push(line);
    ids.push(planned.id);
    bytes += size;
  }
  const last = flush();
  if (last) yield last;
}
