import assert from 'node:assert/strict';
import * as net from 'node:net';
import { createNodeHttpFetch } from '../../../src/adapters/openai/nodeHttpFetch';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { LlmError } from '../../../src/core/llm/llmError';
import type { LlmRequest } from '../../../src/core/llm/llmRequest';
import { startOpenAiTestServer, type OpenAiTestServer, type TestServerOptions } from '../../server/openAiTestServer';
import { letterPlan } from './helpers';

type Outcome = { ok: unknown } | { reason: string; status: number | undefined; retryAfterMs: number | undefined; message: string };

async function outcomeOf(client: OpenAiLlmClient, request: LlmRequest, signal?: AbortSignal): Promise<Outcome> {
  try {
    return { ok: await client.complete(request, signal ? { signal } : {}) };
  } catch (err) {
    assert.ok(LlmError.is(err), `an LlmError, not ${String(err)}`);
    return { reason: err.reason, status: err.status, retryAfterMs: err.retryAfterMs, message: err.message };
  }
}

const completion: LlmRequest = { kind: 'completion', model: 'test-base-model', prompt: 'Question: how do you feel?\n(A) Good\n(B) Bad\nAnswer:', params: { temperature: 1, max_tokens: 4, stop: ['\n'], logprobs: true, top_logprobs: 5 } };

/**
 * The direct completion path (`postJson`, the default) against the `openai` client's path (taken when a `fetch` is
 * given): the same answers, and every failure the test server can inject classified the same (reason, status,
 * retry-after, message).
 */
describe('llm: completions over postJson answer and fail exactly as through the openai client', function () {
  this.timeout(20_000);
  let server: OpenAiTestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const clients = (options: { apiKey?: string; timeoutMs?: number } = {}): { direct: OpenAiLlmClient; sdk: OpenAiLlmClient } => ({
    direct: new OpenAiLlmClient({ baseUrl: server!.url, ...options }),
    sdk: new OpenAiLlmClient({ baseUrl: server!.url, ...options, fetch: createNodeHttpFetch() }),
  });

  const cases: Array<[string, TestServerOptions, string | undefined]> = [
    ['an answer (chat and completions, with logprobs)', {}, undefined],
    ['429 with retry-after-ms', { faults: { rateLimit: 1, retryAfterMs: 5 } }, 'rate-limited'],
    ['429 with retry-after in seconds', { faults: { rateLimit: 1, retryAfterSeconds: 2 } }, 'rate-limited'],
    ['500', { faults: { serverError: 1 } }, 'server'],
    ['503', { faults: { unavailable: 1 } }, 'server'],
    ['400 (bad request)', { faults: { badRequest: 1 } }, 'bad-request'],
    ['a malformed JSON body', { faults: { malformed: 1 } }, 'unparseable'],
    ['a connection reset', { faults: { reset: 1 } }, 'connection'],
    ['a truncated body', { faults: { truncated: 1 } }, 'connection'],
    ['an HTML page with status 200', { html: true }, 'incompatible'],
    ['a wrong API key (401)', { apiKey: 'sk-right' }, 'auth'],
    ['n rejected by the server', { n: 'reject' }, undefined],
  ];
  for (const [name, options, reason] of cases) {
    it(name, async () => {
      server = await startOpenAiTestServer(options);
      const { direct, sdk } = clients({ apiKey: 'sk-wrong' });
      for (const request of [letterPlan(1)[0]!.request, completion, { ...completion, params: { ...completion.params, n: 2 } }]) {
        const a = await outcomeOf(direct, request);
        const b = await outcomeOf(sdk, request);
        if ('ok' in a || 'ok' in b) {
          assert.deepEqual(a, b);
          continue;
        }
        if (reason !== undefined) assert.equal(a.reason, reason, JSON.stringify(a));
        // a connection cut mid-body is 'connection failed' through fetch (the body is read before the openai client sees it)
        if (name === 'a truncated body') assert.deepEqual({ ...a, message: '' }, { ...b, message: '' });
        else assert.deepEqual(a, b);
      }
    });
  }

  it('times out as the openai client does, and an aborted signal is a connection failure', async () => {
    server = await startOpenAiTestServer({ faults: { hang: 1 } });
    const { direct, sdk } = clients({ timeoutMs: 100 });
    const request = letterPlan(1)[0]!.request;
    assert.deepEqual(await outcomeOf(direct, request), await outcomeOf(sdk, request));
    assert.equal(((await outcomeOf(direct, request)) as { reason: string }).reason, 'timeout');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const a = await outcomeOf(clients().direct, request, controller.signal);
    assert.deepEqual(a, { reason: 'connection', status: undefined, retryAfterMs: undefined, message: 'request aborted' });
  });

  it('a refused connection is a connection failure', async () => {
    // a port that was free a moment ago: nothing listens on it
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const direct = new OpenAiLlmClient({ baseUrl: `http://127.0.0.1:${port}/v1` });
    const sdk = new OpenAiLlmClient({ baseUrl: `http://127.0.0.1:${port}/v1`, fetch: createNodeHttpFetch() });
    const a = await outcomeOf(direct, completion);
    assert.deepEqual(a, await outcomeOf(sdk, completion));
    assert.equal((a as { reason: string }).reason, 'connection');
  });
});
