import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { LlmError, parseRetryAfter, reasonForStatus } from '../../core/llm/llmError';

/**
 * Turns whatever the `openai` client threw into an `LlmError`, by error class and HTTP status only.
 * The message never includes request headers, so the API key cannot leak through it.
 */
export function classifyOpenAiError(err: unknown): LlmError {
  if (LlmError.is(err)) return err;
  if (err instanceof APIUserAbortError) return new LlmError('connection', 'request aborted', { cause: err });
  if (err instanceof APIConnectionTimeoutError) return new LlmError('timeout', 'request timed out', { cause: err });
  if (err instanceof APIConnectionError) return new LlmError('connection', 'connection failed', { cause: err });
  if (err instanceof APIError) {
    const status = err.status;
    if (status === undefined) return new LlmError('connection', 'no HTTP status', { cause: err });
    const code = typeof err.code === 'string' ? err.code : undefined;
    const reason = code === 'content_filter' || code === 'content_policy_violation' ? 'content-filter' : reasonForStatus(status);
    const retryAfterMs = err.headers ? parseRetryAfter((name) => err.headers?.get(name)) : undefined;
    const detail = err.error !== null && typeof err.error === 'object' && typeof (err.error as { message?: unknown }).message === 'string' ? (err.error as { message: string }).message : '';
    return new LlmError(reason, `HTTP ${status}${code === undefined ? '' : ` ${code}`}${detail === '' ? '' : `: ${detail.slice(0, 300)}`}`, {
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      cause: err,
    });
  }
  // A body that is not JSON (malformed) surfaces as SyntaxError; one cut short as a TypeError from fetch.
  if (err instanceof SyntaxError) return new LlmError('unparseable', 'response body is not valid JSON', { cause: err });
  if (err instanceof TypeError) return new LlmError('connection', 'response body was cut off', { cause: err });
  if (err instanceof Error && err.name === 'AbortError') return new LlmError('connection', 'request aborted', { cause: err });
  return new LlmError('unknown', err instanceof Error ? err.name : typeof err, { cause: err });
}
