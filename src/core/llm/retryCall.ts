import type { AdaptiveLimiter } from './adaptiveLimiter';
import { backoffDelay, type BackoffOptions } from './backoff';
import { isInfrastructureFailure, LlmError } from './llmError';

/** Thrown by `retryCall` when its signal aborted; carries the signal's reason. */
export class RetryCancelled {
  constructor(readonly reason: unknown) {}

  static is(err: unknown): err is RetryCancelled {
    return err instanceof RetryCancelled;
  }
}

/** A call that failed for good: the last error and how many attempts were made. */
export class RetryExhausted {
  constructor(
    readonly error: LlmError,
    readonly attempts: number,
  ) {}

  static is(err: unknown): err is RetryExhausted {
    return err instanceof RetryExhausted;
  }
}

/** The retry policy of every call to an endpoint (runs and endpoint tests alike). */
export interface RetryPolicy {
  /** Attempts for infrastructure failures, the first included. @default 6 */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** Per-attempt time limit. @default 120000 */
  readonly timeoutMs?: number;
  /** Randomness for jitter. @default Math.random */
  readonly random?: () => number;
}

export interface RetryCallOptions extends RetryPolicy {
  /** Admission control shared by the calls of one run: a 429 slows them all down. */
  readonly limiter: AdaptiveLimiter;
  /** Aborting rejects with `RetryCancelled` at once. */
  readonly signal?: AbortSignal;
  /** A slot was taken (`start`) or given back (`end`), for in-flight counts. */
  readonly onSlot?: (event: 'start' | 'end') => void;
  /** Attempt `attempt` failed with `error` and the call will be made again after `delayMs`. */
  readonly onRetry?: (error: LlmError, attempt: number, delayMs: number) => void;
}

export function sleepOrCancel(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new RetryCancelled(signal.reason));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new RetryCancelled(signal?.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function toLlmError(err: unknown): LlmError {
  if (LlmError.is(err)) return err;
  return new LlmError('unknown', err instanceof Error ? `${err.name}: ${err.message}` : String(err), { cause: err });
}

/**
 * Makes one call to an endpoint under the scheduler's policy: waits for a slot of the adaptive limiter,
 * gives each attempt its own time limit and signal, and retries infrastructure failures (429, 5xx, timeouts,
 * dropped connections, unparseable bodies) with backoff that honours `retry-after(-ms)`; a 429 also halves
 * the limiter and pauses every call sharing it. Resolves with the value and the number of attempts; rejects
 * with `RetryExhausted` (a content failure, or an infrastructure failure on the last attempt) or
 * `RetryCancelled` (the signal aborted).
 */
export async function retryCall<T>(call: (signal: AbortSignal) => Promise<T>, options: RetryCallOptions): Promise<{ value: T; attempts: number }> {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const random = options.random ?? Math.random;
  const { limiter, signal } = options;
  for (let n = 1; ; n++) {
    await limiter.acquire(signal).catch((reason: unknown) => {
      throw new RetryCancelled(reason);
    });
    options.onSlot?.('start');
    const controller = new AbortController();
    let timedOut = false;
    const onAbort = (): void => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let value: T;
    try {
      value = await call(controller.signal);
    } catch (err) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      options.onSlot?.('end');
      limiter.release();
      if (signal?.aborted) throw new RetryCancelled(signal.reason);
      const error = timedOut ? new LlmError('timeout', `no answer within ${timeoutMs} ms`, { cause: err }) : toLlmError(err);
      if (error.reason === 'rate-limited') limiter.onRateLimited(error.retryAfterMs);
      if (isInfrastructureFailure(error.reason) && n < maxAttempts) {
        const delayMs = Math.round(backoffDelay(n, error.retryAfterMs, options.backoff, random));
        options.onRetry?.(error, n, delayMs);
        await sleepOrCancel(delayMs, signal);
        continue;
      }
      throw new RetryExhausted(error, n);
    }
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    options.onSlot?.('end');
    limiter.release();
    limiter.onSuccess();
    return { value, attempts: n };
  }
}
