export interface AdaptiveLimiterOptions {
  /** The most requests in flight at once. */
  readonly maxConcurrency: number;
  /** The fewest the limit falls to after rate limiting. @default 1 */
  readonly minConcurrency?: number;
}

/**
 * Admission control with additive-increase/multiplicative-decrease: a 429 halves the number of requests
 * allowed in flight and pauses all new starts until the server's `retry-after` has passed; each success
 * gives back 1/limit of a slot, so the limit recovers by about one per round of successful requests.
 */
export class AdaptiveLimiter {
  private limit: number;
  private inFlight = 0;
  private pausedUntil = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly waiters: Array<{ resolve: () => void; reject: (err: unknown) => void; signal: AbortSignal | undefined; onAbort: () => void }> = [];
  private readonly min: number;
  private readonly max: number;

  constructor(options: AdaptiveLimiterOptions) {
    this.max = Math.max(1, Math.floor(options.maxConcurrency));
    this.min = Math.max(1, Math.min(this.max, options.minConcurrency ?? 1));
    this.limit = this.max;
  }

  /** The current number of slots (a whole number between min and max). */
  get currentLimit(): number {
    return Math.floor(this.limit);
  }

  get active(): number {
    return this.inFlight;
  }

  /** Resolves when a slot is free; rejects with the signal's reason when aborted first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.waiters.length === 0 && this.canStart()) {
      this.inFlight++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiters.indexOf(waiter);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal?.reason);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.pump();
  }

  onSuccess(): void {
    if (this.limit < this.max) this.limit = Math.min(this.max, this.limit + 1 / Math.floor(this.limit));
    this.pump();
  }

  /** A 429: halve the limit and hold new starts for `retryAfterMs` (if the server said). */
  onRateLimited(retryAfterMs: number | undefined): void {
    this.limit = Math.max(this.min, Math.floor(this.limit / 2));
    if (retryAfterMs !== undefined && retryAfterMs > 0) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + retryAfterMs);
  }

  private canStart(): boolean {
    return this.inFlight < Math.floor(this.limit) && Date.now() >= this.pausedUntil;
  }

  private pump(): void {
    while (this.waiters.length > 0 && this.canStart()) {
      const w = this.waiters.shift()!;
      w.signal?.removeEventListener('abort', w.onAbort);
      this.inFlight++;
      w.resolve();
    }
    if (this.waiters.length > 0 && this.timer === undefined && Date.now() < this.pausedUntil) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.pump();
      }, this.pausedUntil - Date.now() + 1);
    }
  }
}
