/**
 * Why a request failed. Infrastructure reasons are retried by the scheduler; content reasons are recorded.
 * - `rate-limited` 429; `server` 5xx, 409 and 408-like server trouble; `timeout` no answer in time;
 *   `connection` refused, reset or dropped; `unparseable` a malformed or truncated response body.
 * - `auth` 401/403; `bad-request` 400/404/422 and other 4xx; `content-filter` blocked by the provider;
 *   `length` the answer was cut off before it could be used; `incompatible` the server answered, but not as
 *   the OpenAI API does (an HTML page with status 200, a model list without `data`); `unknown` the client
 *   threw something unexpected.
 */
export type LlmErrorReason =
  | 'rate-limited'
  | 'server'
  | 'timeout'
  | 'connection'
  | 'unparseable'
  | 'auth'
  | 'bad-request'
  | 'content-filter'
  | 'length'
  | 'incompatible'
  | 'unknown';

export const llmErrorReasons: readonly LlmErrorReason[] = [
  'rate-limited',
  'server',
  'timeout',
  'connection',
  'unparseable',
  'auth',
  'bad-request',
  'content-filter',
  'length',
  'incompatible',
  'unknown',
];

const infrastructure: ReadonlySet<LlmErrorReason> = new Set(['rate-limited', 'server', 'timeout', 'connection', 'unparseable']);

/** True when a failure says nothing about the request itself, so sending it again may succeed. */
export function isInfrastructureFailure(reason: LlmErrorReason): boolean {
  return infrastructure.has(reason);
}

export interface LlmErrorOptions {
  readonly status?: number;
  /** How long the server asked us to wait (from `retry-after-ms` or `retry-after`). */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

/** A failed LLM call, classified by HTTP status or error type (never by message text). */
export class LlmError extends Error {
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(
    readonly reason: LlmErrorReason,
    message: string,
    options: LlmErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LlmError';
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }

  static is(err: unknown, reason?: LlmErrorReason): err is LlmError {
    return err instanceof LlmError && (reason === undefined || err.reason === reason);
  }
}

/** The reason for an HTTP error status. */
export function reasonForStatus(status: number): LlmErrorReason {
  if (status === 429) return 'rate-limited';
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 409 || status >= 500) return 'server';
  return 'bad-request';
}

/**
 * Parses `retry-after-ms` (milliseconds) or `retry-after` (seconds or an HTTP date) into milliseconds.
 * `get` reads one header by lower-case name.
 */
export function parseRetryAfter(get: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  const ms = get('retry-after-ms');
  if (ms != null && ms.trim() !== '') {
    const v = Number(ms);
    if (Number.isFinite(v) && v >= 0) return v;
  }
  const after = get('retry-after');
  if (after == null || after.trim() === '') return undefined;
  const seconds = Number(after);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
