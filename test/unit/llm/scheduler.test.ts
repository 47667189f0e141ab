import assert from 'node:assert/strict';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { AdaptiveLimiter } from '../../../src/core/llm/adaptiveLimiter';
import { backoffDelay } from '../../../src/core/llm/backoff';
import type { LlmClient } from '../../../src/core/llm/llmClient';
import { LlmError, parseRetryAfter } from '../../../src/core/llm/llmError';
import type { LlmResponse } from '../../../src/core/llm/llmResponse';
import { runRequests } from '../../../src/core/llm/runRequests';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { readJournal, type JournalReadStats } from '../../../src/core/runStore/readJournal';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { letterPlan, tempDir } from './helpers';

const ok: LlmResponse = { model: 'm', choices: [{ index: 0, text: 'A', finishReason: 'stop' }] };

describe('llm scheduler: backoff and rate', () => {
  it('backs off exponentially with jitter between half and all of the step, capped', () => {
    assert.equal(backoffDelay(1, undefined, { baseDelayMs: 100 }, () => 0), 50);
    assert.equal(backoffDelay(1, undefined, { baseDelayMs: 100 }, () => 1), 100);
    assert.equal(backoffDelay(4, undefined, { baseDelayMs: 100 }, () => 1), 800);
    assert.equal(backoffDelay(20, undefined, { baseDelayMs: 100, maxDelayMs: 5000 }, () => 1), 5000);
    assert.equal(backoffDelay(1, 2000, {}, () => 0), 2000, 'retry-after wins');
    assert.equal(backoffDelay(1, 10 ** 9, { maxRetryAfterMs: 60_000 }, () => 0), 60_000);
  });

  it('reads retry-after-ms, retry-after seconds and an HTTP date', () => {
    const h = (m: Record<string, string>) => (name: string) => m[name];
    assert.equal(parseRetryAfter(h({ 'retry-after-ms': '250', 'retry-after': '9' })), 250);
    assert.equal(parseRetryAfter(h({ 'retry-after': '2' })), 2000);
    assert.equal(parseRetryAfter(h({ 'retry-after': new Date(10_000).toUTCString() }), 4000), 6000);
    assert.equal(parseRetryAfter(h({})), undefined);
  });

  it('halves the limit on 429 and recovers by about one slot per round of successes', () => {
    const l = new AdaptiveLimiter({ maxConcurrency: 16 });
    l.onRateLimited(undefined);
    assert.equal(l.currentLimit, 8);
    l.onRateLimited(undefined);
    assert.equal(l.currentLimit, 4);
    for (let i = 0; i < 4; i++) l.onSuccess();
    assert.equal(l.currentLimit, 5);
    for (let i = 0; i < 200; i++) l.onSuccess();
    assert.equal(l.currentLimit, 16);
  });

  it('honours retry-after: nothing starts before the pause is over', async () => {
    const l = new AdaptiveLimiter({ maxConcurrency: 4 });
    l.onRateLimited(120);
    const t0 = Date.now();
    await l.acquire();
    assert.ok(Date.now() - t0 >= 115, `waited ${Date.now() - t0} ms`);
  });

  it('never has more requests in flight than the concurrency limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const client: LlmClient = {
      complete: async () => {
        peak = Math.max(peak, ++inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        return ok;
      },
      listModels: async () => [],
    };
    const s = await runRequests({ client, requests: letterPlan(200), concurrency: 7 });
    assert.equal(s.answered, 200);
    assert.equal(peak, 7);
  });

  it('retries only infrastructure failures and waits what the server asked', async () => {
    const calls = new Map<string, number>();
    const times: number[] = [];
    const client: LlmClient = {
      complete: async (req) => {
        const id = req.kind === 'chat' ? req.messages[0]!.content : '';
        const n = (calls.get(id) ?? 0) + 1;
        calls.set(id, n);
        times.push(Date.now());
        if (id.includes('number 0.') && n === 1) throw new LlmError('rate-limited', '429', { status: 429, retryAfterMs: 80 });
        if (id.includes('number 1.')) throw new LlmError('bad-request', '400', { status: 400 });
        if (id.includes('number 2.')) throw new Error('a bug in the client');
        return ok;
      },
      listModels: async () => [],
    };
    const t0 = Date.now();
    const s = await runRequests({ client, requests: letterPlan(3), concurrency: 3 });
    assert.equal(s.answered, 1);
    assert.deepEqual(s.failedByReason, { 'bad-request': 1, unknown: 1 });
    assert.deepEqual(s.retriedByReason, { 'rate-limited': 1 });
    assert.ok(Date.now() - t0 >= 80);
    assert.deepEqual([...calls.values()], [2, 1, 1]);
  });
});

describe('llm scheduler: cancellation', function () {
  this.timeout(15_000);
  it('stops new work at once, abandons what is in flight, and leaves a whole journal to resume from', async () => {
    const server = await startOpenAiTestServer({ latencyMs: 30 });
    const tmp = tempDir();
    try {
      const client = new OpenAiLlmClient({ baseUrl: server.url });
      const journalPath = path.join(tmp.dir, 'journal.jsonl');
      const controller = new AbortController();
      const journal = JournalWriter.open(journalPath);
      let answered = 0;
      const s = await runRequests({
        client,
        journal,
        requests: letterPlan(2000),
        concurrency: 16,
        signal: controller.signal,
        onOutcome: () => {
          if (++answered === 100) controller.abort();
        },
      });
      journal.close();
      assert.equal(s.wasCancelled, true);
      assert.equal(s.answered + s.failed + s.cancelled + s.skipped + s.cached, s.total);
      assert.ok(s.total < 2000 && s.cancelled > 0 && s.cancelled <= 16 + 1);
      await new Promise((r) => setTimeout(r, 100)); // requests on the wire at the abort reach the log
      const received = server.log.length;
      assert.ok(received <= s.answered + 16, `only what was in flight at the abort: ${received} received, ${s.answered} answered`);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(server.log.length, received, 'nothing is sent after the abort');
      const stats: JournalReadStats = { lines: 0, skipped: 0 };
      let lines = 0;
      for await (const r of readJournal(journalPath, stats)) if (r.t === 'answer') lines++;
      assert.equal(stats.skipped, 0, 'every journal line is whole');
      assert.equal(lines, s.answered);
      // resume finishes the rest and sends nothing twice
      const state = await loadResumeState(journalPath);
      const journal2 = JournalWriter.open(journalPath);
      const rest = await runRequests({ client, journal: journal2, requests: letterPlan(2000), done: state.answered, concurrency: 32 });
      journal2.close();
      assert.equal(rest.skipped, s.answered);
      assert.equal(rest.answered, 2000 - s.answered);
      assert.equal((await loadResumeState(journalPath)).answered.size, 2000);
    } finally {
      await server.close();
      tmp.remove();
    }
  });
});

describe('llm adapter: parameters pass through, both APIs', function () {
  this.timeout(10_000);
  it('sends every sampling parameter and server-specific extras unchanged', async () => {
    const server = await startOpenAiTestServer({ logBodies: true });
    try {
      const client = new OpenAiLlmClient({ baseUrl: `${server.url}/v1/` });
      await client.complete({
        kind: 'chat',
        model: 'test-model',
        messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }],
        params: {
          temperature: 0.7,
          top_p: 0.9,
          max_tokens: 3,
          stop: ['\n', 'Question:'],
          seed: 42,
          n: 2,
          logprobs: true,
          top_logprobs: 5,
          logit_bias: { '32': 5 },
          response_format: { type: 'json_object' },
          presence_penalty: 0.1,
          frequency_penalty: 0.2,
          extra: { structured_outputs: { choice: ['A', 'B'] }, top_k: 40 },
        },
      });
      const body = JSON.parse(server.log.at(-1)!.body!) as Record<string, unknown>;
      assert.deepEqual(body, {
        model: 'test-model',
        messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'u' }],
        temperature: 0.7,
        top_p: 0.9,
        max_tokens: 3,
        stop: ['\n', 'Question:'],
        seed: 42,
        n: 2,
        logprobs: true,
        top_logprobs: 5,
        logit_bias: { '32': 5 },
        response_format: { type: 'json_object' },
        presence_penalty: 0.1,
        frequency_penalty: 0.2,
        structured_outputs: { choice: ['A', 'B'] },
        top_k: 40,
      });
    } finally {
      await server.close();
    }
  });

  it('uses the completions API for base models, with integer logprobs', async () => {
    const server = await startOpenAiTestServer({ logBodies: true });
    try {
      const client = new OpenAiLlmClient({ baseUrl: server.url });
      const r = await client.complete({ kind: 'completion', model: 'test-base-model', prompt: 'Question: x?\n(A) a\n(B) b\nAnswer:', params: { max_tokens: 1, logprobs: true, top_logprobs: 5, stop: '\n' } });
      const entry = server.log.at(-1)!;
      assert.equal(entry.path, '/completions');
      assert.deepEqual(JSON.parse(entry.body!), { model: 'test-base-model', prompt: 'Question: x?\n(A) a\n(B) b\nAnswer:', max_tokens: 1, stop: '\n', logprobs: 5 });
      assert.match(r.choices[0]!.text, /^[AB]$/);
      assert.equal(r.choices[0]!.logprobs![0]!.top.length, 5);
      assert.ok(r.usage && r.usage.promptTokens > 0);
    } finally {
      await server.close();
    }
  });
});

describe('llm scheduler: content outcomes', () => {
  it('records an empty answer cut off by the token limit as a length failure, without retrying', async () => {
    let calls = 0;
    const client: LlmClient = {
      complete: async (req) => {
        calls++;
        const empty = req.kind === 'chat' && req.messages[0]!.content.includes('number 0.');
        return { model: 'm', choices: [{ index: 0, text: empty ? '' : 'A', finishReason: 'length' }] };
      },
      listModels: async () => [],
    };
    const s = await runRequests({ client, requests: letterPlan(3) });
    assert.equal(s.answered, 2, 'a one-token letter cut off by max_tokens is an answer');
    assert.deepEqual(s.failedByReason, { length: 1 });
    assert.equal(calls, 3);
  });
});

describe('llm scheduler: progress', () => {
  it('reports progress at most every progressEveryMs, and once at the end with the final totals', async () => {
    const client: LlmClient = { complete: async () => (await new Promise((r) => setTimeout(r, 1)), ok), listModels: async () => [] };
    const seen: number[] = [];
    const s = await runRequests({ client, requests: letterPlan(300), concurrency: 4, progressEveryMs: 50, onProgress: (c) => seen.push(c.answered) });
    assert.ok(seen.length >= 2 && seen.length < 100, `${seen.length} progress calls`);
    assert.equal(seen.at(-1), s.answered);
    const every: number[] = [];
    await runRequests({ client, requests: letterPlan(20), concurrency: 4, onProgress: (c) => every.push(c.answered) });
    assert.equal(every.length, 21, 'every outcome, plus the end');
  });
});
