export interface BackoffOptions {
  /** First retry waits about this long. @default 500 */
  readonly baseDelayMs?: number;
  /** No retry waits longer than this, unless the server asks for more. @default 30000 */
  readonly maxDelayMs?: number;
  /** Longest server-requested wait that is honoured as given (longer ones are clipped). @default 120000 */
  readonly maxRetryAfterMs?: number;
}

/**
 * The wait before retry number `attempt` (1 = first retry): the server's `retry-after` when it sent one,
 * otherwise exponential backoff `base × 2^(attempt−1)` capped at `maxDelayMs`, with "equal jitter"
 * (between half and all of it) so that many clients do not retry in step.
 */
export function backoffDelay(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions = {}, random: () => number = Math.random): number {
  const base = options.baseDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxRetryAfterMs ?? 120_000) * (1 + 0.1 * random());
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return exp / 2 + (exp / 2) * random();
}
