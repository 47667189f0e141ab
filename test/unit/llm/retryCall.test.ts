import assert from 'node:assert/strict';
import { AdaptiveLimiter } from '../../../src/core/llm/adaptiveLimiter';
import { LlmError } from '../../../src/core/llm/llmError';
import { retryCall, RetryCancelled, RetryExhausted } from '../../../src/core/llm/retryCall';

// retryCall is the one retry policy behind runs (runRequests) and endpoint tests (probeEndpoint).
describe('llm: retryCall, the shared retry policy', () => {
  const noJitter = (): number => 0;

  it('retries a 429 after the retry-after-ms the server asked for, then resolves', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 4 });
    const delays: number[] = [];
    let calls = 0;
    const r = await retryCall(
      async () => {
        if (++calls === 1) throw new LlmError('rate-limited', 'HTTP 429', { status: 429, retryAfterMs: 40 });
        return 'ok';
      },
      { limiter, random: noJitter, onRetry: (_e, _n, d) => delays.push(d) },
    );
    assert.deepEqual(r, { value: 'ok', attempts: 2 });
    // backoffDelay with a server wait: retryAfterMs × (1 + 0.1 × random) = 40 × 1 with random() = 0
    assert.deepEqual(delays, [40]);
    assert.equal(limiter.currentLimit, 2, 'a 429 halves the shared limit (4 → 2)');
  });

  it('retries 5xx up to maxAttempts and then gives up with the last error', async () => {
    let calls = 0;
    await assert.rejects(
      retryCall(async () => {
        calls++;
        throw new LlmError('server', 'HTTP 503', { status: 503 });
      }, { limiter: new AdaptiveLimiter({ maxConcurrency: 1 }), maxAttempts: 3, backoff: { baseDelayMs: 1, maxDelayMs: 2 } }),
      (e: unknown) => RetryExhausted.is(e) && e.attempts === 3 && e.error.reason === 'server',
    );
    assert.equal(calls, 3);
  });

  it('does not retry a content failure (a 400)', async () => {
    let calls = 0;
    await assert.rejects(
      retryCall(async () => {
        calls++;
        throw new LlmError('bad-request', 'HTTP 400', { status: 400 });
      }, { limiter: new AdaptiveLimiter({ maxConcurrency: 1 }) }),
      (e: unknown) => RetryExhausted.is(e) && e.attempts === 1,
    );
    assert.equal(calls, 1);
  });

  it('turns an attempt past its time limit into a timeout, and an abort into RetryCancelled', async () => {
    const limiter = new AdaptiveLimiter({ maxConcurrency: 1 });
    const hang = (signal: AbortSignal): Promise<never> => new Promise((_r, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));
    await assert.rejects(retryCall(hang, { limiter, timeoutMs: 10, maxAttempts: 1 }), (e: unknown) => RetryExhausted.is(e) && e.error.reason === 'timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 10);
    await assert.rejects(retryCall(hang, { limiter, signal: controller.signal }), (e: unknown) => RetryCancelled.is(e));
    assert.equal(limiter.active, 0, 'every slot was given back');
  });
});
