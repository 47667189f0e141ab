import { setMaxListeners } from 'node:events';
import type { ResponseCache } from '../runStore/responseCache';
import type { JournalWriter } from '../runStore/journalWriter';
import { requestKey } from '../runStore/requestKey';
import { AdaptiveLimiter } from './adaptiveLimiter';
import type { BackoffOptions } from './backoff';
import { redactSecret } from './endpointConfig';
import type { LlmClient } from './llmClient';
import { LlmError, type LlmErrorReason } from './llmError';
import type { LlmResponse } from './llmResponse';
import type { PlannedRequest } from './plannedRequest';
import { retryCall, RetryCancelled, RetryExhausted } from './retryCall';

/** How one planned request ended. */
export type RequestOutcome =
  | { readonly kind: 'answered'; readonly planned: PlannedRequest; readonly key: string; readonly response: LlmResponse; readonly source: 'live' | 'cache'; readonly attempts: number }
  | { readonly kind: 'failed'; readonly planned: PlannedRequest; readonly key: string; readonly error: LlmError; readonly attempts: number };

/** Running totals. `total = answered + cached + skipped + failed + cancelled` at the end of a run. */
export interface RunCounts {
  /** Requests taken from the plan so far. */
  total: number;
  /** Answered by the endpoint in this run. */
  answered: number;
  /** Answered from the cache. */
  cached: number;
  /** Already answered in the journal (resume). */
  skipped: number;
  /** Recorded as failures (content failures, or infrastructure failures after the last attempt). */
  failed: number;
  failedByReason: Partial<Record<LlmErrorReason, number>>;
  /** Attempts that failed and were tried again. */
  retried: number;
  retriedByReason: Partial<Record<LlmErrorReason, number>>;
  /** Taken from the plan but stopped by cancellation before an outcome. */
  cancelled: number;
  inFlight: number;
  /** The adaptive concurrency limit at the moment. */
  concurrencyLimit: number;
}

export interface RunSummary extends RunCounts {
  readonly wasCancelled: boolean;
  readonly elapsedMs: number;
}

export interface RunRequestsOptions {
  readonly client: LlmClient;
  readonly requests: Iterable<PlannedRequest> | AsyncIterable<PlannedRequest>;
  /** Every answer, failure and retry is appended here. */
  readonly journal?: JournalWriter;
  /** Answers are looked up here first and stored here after. */
  readonly cache?: ResponseCache;
  /** Who answers, part of every cache key (see `requestKey`): e.g. the endpoint's normalised base URL. @default '' */
  readonly cacheScope?: string;
  /** Ids that already have an answer (from `loadResumeState`): skipped, never sent. */
  readonly done?: ReadonlySet<string>;
  /** Requests in flight at most. @default 8 */
  readonly concurrency?: number;
  /** Attempts per request for infrastructure failures, the first included. @default 6 */
  readonly maxAttempts?: number;
  readonly backoff?: BackoffOptions;
  /** Per-attempt time limit. @default 120000 */
  readonly timeoutMs?: number;
  /** Aborting stops taking new requests at once and abandons those in flight; the journal stays whole. */
  readonly signal?: AbortSignal;
  /** Store the request in journal lines. @default true */
  readonly journalRequests?: boolean;
  readonly onOutcome?: (outcome: RequestOutcome) => void;
  /** Called with the running totals after outcomes (at most every `progressEveryMs`) and once at the end. */
  readonly onProgress?: (counts: Readonly<RunCounts>) => void;
  /** Least time between two progress calls; 0 calls after every outcome. @default 0 */
  readonly progressEveryMs?: number;
  /** Randomness for jitter. @default Math.random */
  readonly random?: () => number;
  /** The API key (every form of it) to redact from server text before it is stored; bearer tokens always are. */
  readonly secrets?: readonly (string | undefined)[];
}

/**
 * Sends a plan of requests through `client` with bounded, adaptive concurrency; retries infrastructure
 * failures with backoff (honouring `retry-after`); records every outcome in the journal and every answer in
 * the cache. Resolves with the totals when the plan is exhausted or the signal aborts.
 *
 * ```ts
 * const state = await loadResumeState(journalPath);
 * const journal = JournalWriter.open(journalPath);
 * const summary = await runRequests({ client, journal, cache, requests: plan, done: state.answered,
 *   concurrency: 64, signal, onProgress: (c) => report(c) });
 * journal.close();
 * ```
 */
export async function runRequests(options: RunRequestsOptions): Promise<RunSummary> {
  const started = Date.now();
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 8));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const timeoutMs = options.timeoutMs ?? 120_000;
  const random = options.random ?? Math.random;
  // one listener on the caller's signal; every attempt listens to this run-local one instead
  const runController = new AbortController();
  setMaxListeners(0, runController.signal);
  const onCallerAbort = (): void => runController.abort(options.signal?.reason);
  if (options.signal?.aborted) onCallerAbort();
  else options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const signal: AbortSignal = runController.signal;
  const journalRequests = options.journalRequests ?? true;
  const limiter = new AdaptiveLimiter({ maxConcurrency: concurrency });
  const counts: RunCounts = {
    total: 0,
    answered: 0,
    cached: 0,
    skipped: 0,
    failed: 0,
    failedByReason: {},
    retried: 0,
    retriedByReason: {},
    cancelled: 0,
    inFlight: 0,
    concurrencyLimit: concurrency,
  };
  const now = (): string => new Date().toISOString();
  const progressEveryMs = options.progressEveryMs ?? 0;
  let lastProgress = 0;
  const progress = (final = false): void => {
    if (!options.onProgress) return;
    const t = progressEveryMs > 0 ? Date.now() : 0;
    if (!final && progressEveryMs > 0 && t - lastProgress < progressEveryMs) return;
    lastProgress = t;
    counts.concurrencyLimit = limiter.currentLimit;
    options.onProgress(counts);
  };

  const source = options.requests;
  const iterator: Iterator<PlannedRequest> | AsyncIterator<PlannedRequest> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<PlannedRequest>)[Symbol.iterator]();
  let exhausted = false;
  const next = async (): Promise<PlannedRequest | undefined> => {
    if (exhausted || signal?.aborted) return undefined;
    const r = await iterator.next();
    if (r.done === true || signal?.aborted) {
      exhausted = exhausted || r.done === true;
      if (r.done !== true) {
        counts.total++;
        counts.cancelled++;
      }
      return undefined;
    }
    counts.total++;
    return r.value;
  };

  /** One attempt: the answer, or an LlmError when nothing in it can be used. */
  const attempt = async (planned: PlannedRequest, attemptSignal: AbortSignal): Promise<LlmResponse> => {
    const response = await options.client.complete(planned.request, { signal: attemptSignal });
    if (response.choices.length > 0 && response.choices.every((c) => c.finishReason === 'content_filter')) {
      throw new LlmError('content-filter', 'every choice was stopped by the content filter');
    }
    // e.g. a reasoning model that spent the whole token budget thinking: nothing to parse, and asking
    // again with the same limit cannot help
    if (response.choices.length > 0 && response.choices.every((c) => c.finishReason === 'length' && c.text === '' && !c.logprobs?.length)) {
      throw new LlmError('length', 'the token limit was reached before any answer text');
    }
    return response;
  };

  // Cache writes run behind the answers (the journal already holds them), at most a few per slot at once.
  const cacheWrites = new Set<Promise<void>>();
  const storeInCache = async (key: string, response: LlmResponse): Promise<void> => {
    const write = options.cache!.put(key, response).finally(() => cacheWrites.delete(write));
    cacheWrites.add(write);
    if (cacheWrites.size > concurrency * 4) await Promise.race(cacheWrites);
  };

  const handle = async (planned: PlannedRequest): Promise<void> => {
    if (options.done?.has(planned.id)) {
      counts.skipped++;
      return;
    }
    const key = requestKey(planned.request, planned.sampleIndex ?? 0, options.cacheScope);
    const req = journalRequests ? { request: planned.request } : {};
    if (options.cache) {
      // the cached JSON goes into the journal line as it is: replaying a large run parses nothing twice
      const raw = options.cache.getRawSync(key);
      if (raw !== undefined) {
        counts.cached++;
        const request = journalRequests ? `,"request":${JSON.stringify(planned.request)}` : '';
        options.journal?.appendRaw(
          `{"t":"answer","id":${JSON.stringify(planned.id)},"key":"${key}","at":"${now()}","source":"cache","attempts":0${request},"response":${raw}}\n`,
        );
        if (options.onOutcome) options.onOutcome({ kind: 'answered', planned, key, response: JSON.parse(raw) as LlmResponse, source: 'cache', attempts: 0 });
        return;
      }
    }
    let response: LlmResponse;
    let attempts: number;
    try {
      ({ value: response, attempts } = await retryCall((attemptSignal) => attempt(planned, attemptSignal), {
        limiter,
        signal,
        maxAttempts,
        timeoutMs,
        random,
        ...(options.backoff === undefined ? {} : { backoff: options.backoff }),
        onSlot: (event) => (event === 'start' ? counts.inFlight++ : counts.inFlight--),
        onRetry: (error, n, delayMs) => {
          counts.retried++;
          counts.retriedByReason[error.reason] = (counts.retriedByReason[error.reason] ?? 0) + 1;
          options.journal?.append({ t: 'retry', id: planned.id, key, at: now(), reason: error.reason, ...(error.status === undefined ? {} : { status: error.status }), attempt: n, delayMs });
        },
      }));
    } catch (err) {
      if (!RetryExhausted.is(err)) throw err;
      const { error, attempts: n } = err;
      counts.failed++;
      counts.failedByReason[error.reason] = (counts.failedByReason[error.reason] ?? 0) + 1;
      options.journal?.append({
        t: 'failure',
        id: planned.id,
        key,
        at: now(),
        reason: error.reason,
        ...(error.status === undefined ? {} : { status: error.status }),
        // server text: no bearer token or key it may echo is stored
        message: redactSecret(error.message, options.secrets),
        attempts: n,
        ...req,
      });
      options.onOutcome?.({ kind: 'failed', planned, key, error, attempts: n });
      return;
    }
    counts.answered++;
    options.journal?.append({ t: 'answer', id: planned.id, key, at: now(), source: 'live', attempts, ...req, response });
    if (options.cache) await storeInCache(key, response);
    options.onOutcome?.({ kind: 'answered', planned, key, response, source: 'live', attempts });
  };

  const worker = async (): Promise<void> => {
    for (;;) {
      const planned = await next();
      if (planned === undefined) return;
      try {
        await handle(planned);
      } catch (err) {
        if (!RetryCancelled.is(err)) throw err;
        counts.cancelled++;
        return;
      }
      progress();
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    await Promise.all(cacheWrites);
  } finally {
    options.journal?.flush();
    options.signal?.removeEventListener('abort', onCallerAbort);
    if (signal.aborted && !exhausted) await iterator.return?.();
  }
  counts.concurrencyLimit = limiter.currentLimit;
  progress(true);
  return { ...counts, failedByReason: { ...counts.failedByReason }, retriedByReason: { ...counts.retriedByReason }, wasCancelled: signal.aborted, elapsedMs: Date.now() - started };
}
