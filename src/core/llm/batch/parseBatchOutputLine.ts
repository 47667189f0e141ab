import { LlmError, reasonForStatus, type LlmErrorReason } from '../llmError';
import type { LlmResponse } from '../llmResponse';
import { parseWireResponse } from '../parseWireResponse';

export type BatchLineResult =
  | { readonly customId: string; readonly response: LlmResponse }
  | { readonly customId: string; readonly error: { readonly reason: LlmErrorReason; readonly status?: number; readonly message: string } };

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function errorText(e: unknown): string {
  if (typeof e === 'string') return e;
  if (isObject(e)) {
    const inner = isObject(e.error) ? e.error : e;
    return [inner.code, inner.message].filter((x) => typeof x === 'string').join(': ') || JSON.stringify(e).slice(0, 300);
  }
  return 'unknown error';
}

function errorReason(e: unknown, status: number | undefined): LlmErrorReason {
  const code = isObject(e) ? (isObject(e.error) ? e.error.code : e.code) : undefined;
  if (code === 'batch_expired' || code === 'batch_cancelled') return 'timeout';
  if (code === 'content_filter') return 'content-filter';
  return status === undefined ? 'server' : reasonForStatus(status);
}

/**
 * Reads one line of a batch output or error file. Handles OpenAI's output and error files and both vLLM
 * `run-batch` shapes: `response: {status_code, request_id, body}` and the older `response: <completion>`.
 * `kind` says how to read the completion body. Returns `undefined` for a blank line.
 */
export function parseBatchOutputLine(line: string, kind: 'chat' | 'completion'): BatchLineResult | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new LlmError('unparseable', 'batch output line is not JSON');
  }
  if (!isObject(value) || typeof value.custom_id !== 'string') throw new LlmError('unparseable', 'batch output line without custom_id');
  const customId = value.custom_id;
  const response = value.response;
  if (isObject(response) && 'status_code' in response) {
    const status = typeof response.status_code === 'number' ? response.status_code : undefined;
    if (status === 200 && isObject(response.body)) {
      try {
        return { customId, response: parseWireResponse(response.body, kind) };
      } catch (err) {
        return { customId, error: { reason: 'unparseable', status, message: err instanceof Error ? err.message : 'malformed body' } };
      }
    }
    const err = value.error ?? response.body;
    return { customId, error: { reason: errorReason(err, status), ...(status === undefined ? {} : { status }), message: errorText(err) } };
  }
  if (isObject(response) && Array.isArray(response.choices)) return { customId, response: parseWireResponse(response, kind) };
  return { customId, error: { reason: errorReason(value.error, undefined), message: errorText(value.error) } };
}
