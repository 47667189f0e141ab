import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { llmErrorReasons } from '../../../src/core/llm/llmError';
import { runRequests, type RunSummary } from '../../../src/core/llm/runRequests';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { readJournal } from '../../../src/core/runStore/readJournal';
import { ResponseCache } from '../../../src/core/runStore/responseCache';
import { startOpenAiTestServer, type OpenAiTestServer, type TestServerOptions } from '../../server/openAiTestServer';
import { letterPlan, tempDir } from './helpers';

const fast = { baseDelayMs: 2, maxDelayMs: 20 };

function sumFailed(s: RunSummary): number {
  return Object.values(s.failedByReason).reduce((a, b) => a + (b ?? 0), 0);
}

function assertBalanced(s: RunSummary, total: number): void {
  assert.equal(s.total, total, 'every planned request was taken');
  assert.equal(s.answered + s.cached + s.skipped + s.failed + s.cancelled, s.total, 'the counts add up');
  assert.equal(sumFailed(s), s.failed, 'failures by reason add up');
}

describe('llm: runRequests against the test server, fault by fault', function () {
  this.timeout(30_000);
  let server: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(async () => {
    await server?.close();
    tmp.remove();
  });

  async function run(options: TestServerOptions, count: number, extra: { timeoutMs?: number; maxAttempts?: number } = {}) {
    server = await startOpenAiTestServer(options);
    const client = new OpenAiLlmClient({ baseUrl: server.url });
    const journalPath = path.join(tmp.dir, 'journal.jsonl');
    const journal = JournalWriter.open(journalPath);
    const summary = await runRequests({ client, journal, cache: new ResponseCache(path.join(tmp.dir, 'cache')), requests: letterPlan(count), concurrency: 16, backoff: fast, maxAttempts: extra.maxAttempts ?? 8, ...(extra.timeoutMs === undefined ? {} : { timeoutMs: extra.timeoutMs }) });
    journal.close();
    const records = [];
    for await (const r of readJournal(journalPath)) records.push(r);
    return { summary, records };
  }

  const infra: Array<[string, NonNullable<TestServerOptions['faults']>, string]> = [
    ['429 with retry-after-ms', { rateLimit: 0.3, retryAfterMs: 5 }, 'rate-limited'],
    ['429 with retry-after (seconds)', { rateLimit: 0.05, retryAfterSeconds: 0.01 }, 'rate-limited'],
    ['500', { serverError: 0.3 }, 'server'],
    ['503', { unavailable: 0.3 }, 'server'],
    ['connection reset', { reset: 0.3 }, 'connection'],
    ['malformed body', { malformed: 0.3 }, 'unparseable'],
    ['truncated body', { truncated: 0.3 }, 'connection'],
  ];
  for (const [name, faults, reason] of infra) {
    it(`retries ${name} until every request is answered`, async () => {
      const { summary, records } = await run({ faults }, 200);
      assertBalanced(summary, 200);
      assert.equal(summary.answered, 200, JSON.stringify(summary));
      assert.ok((summary.retriedByReason[reason as keyof typeof summary.retriedByReason] ?? 0) > 0, `retried as ${reason}: ${JSON.stringify(summary.retriedByReason)}`);
      const faultsSeen = server.log.filter((l) => l.outcome !== 'ok').length;
      assert.equal(summary.retried, faultsSeen, 'one retry per injected fault');
      assert.equal(records.filter((r) => r.t === 'answer').length, 200);
      assert.equal(records.filter((r) => r.t === 'retry').length, summary.retried);
    });
  }

  it('times out hanging requests and retries them', async () => {
    const { summary } = await run({ faults: { hang: 0.2 } }, 60, { timeoutMs: 150 });
    assertBalanced(summary, 60);
    assert.equal(summary.answered, 60);
    assert.ok((summary.retriedByReason.timeout ?? 0) > 0);
  });

  it('records infrastructure failures with their reason once the attempts run out', async () => {
    const { summary, records } = await run({ faults: { serverError: 0.5 } }, 100, { maxAttempts: 2 });
    assertBalanced(summary, 100);
    assert.ok(summary.failed > 0 && summary.answered > 0);
    assert.equal(summary.failedByReason.server, summary.failed);
    const failures = records.filter((r) => r.t === 'failure');
    assert.equal(failures.length, summary.failed);
    for (const f of failures) assert.equal(f.t === 'failure' && f.attempts, 2);
  });

  it('never retries content failures: bad request and content filter are recorded once', async () => {
    const { summary } = await run({ faults: { badRequest: 0.2, contentFilter: 0.2 } }, 200);
    assertBalanced(summary, 200);
    assert.equal(summary.retried, 0);
    const bad = server.log.filter((l) => l.outcome === 'bad-request').length;
    const filtered = server.log.filter((l) => l.outcome === 'content-filter').length;
    assert.ok(bad > 0 && filtered > 0);
    assert.equal(summary.failedByReason['bad-request'], bad);
    assert.equal(summary.failedByReason['content-filter'], filtered);
    assert.equal(summary.answered, 200 - bad - filtered);
    assert.equal(server.log.length, 200, 'each request sent exactly once');
  });

  it('records auth failures without retrying', async () => {
    const { summary } = await run({ apiKey: 'sk-right' }, 10);
    assertBalanced(summary, 10);
    assert.equal(summary.failedByReason.auth, 10);
    assert.equal(summary.retried, 0);
  });

  it('survives every fault at once and the counts add up', async () => {
    const { summary, records } = await run(
      { faults: { rateLimit: 0.05, retryAfterMs: 3, serverError: 0.05, unavailable: 0.05, reset: 0.05, malformed: 0.05, truncated: 0.05, hang: 0.03, badRequest: 0.05, contentFilter: 0.05 } },
      400,
      { timeoutMs: 200 },
    );
    assertBalanced(summary, 400);
    assert.equal(summary.failed, (summary.failedByReason['bad-request'] ?? 0) + (summary.failedByReason['content-filter'] ?? 0), 'only content failures remain');
    for (const reason of Object.keys(summary.failedByReason)) assert.ok(llmErrorReasons.includes(reason as never));
    const answers = new Set(records.filter((r) => r.t === 'answer').map((r) => (r as { id: string }).id));
    const failures = new Set(records.filter((r) => r.t === 'failure').map((r) => (r as { id: string }).id));
    assert.equal(answers.size + failures.size, 400, 'every request has exactly one outcome in the journal');
    for (const id of answers) assert.ok(!failures.has(id));
  });

  it('completes against a server without logprobs: answers arrive without them, and are still parseable text', async () => {
    const { summary, records } = await run({ logprobs: false }, 50);
    assertBalanced(summary, 50);
    assert.equal(summary.answered, 50);
    for (const r of records) {
      if (r.t !== 'answer') continue;
      assert.equal(r.response.choices[0]!.logprobs, undefined);
      assert.match(r.response.choices[0]!.text, /^\(?[ABC]\)?$/);
    }
  });

  it('records n rejected by the server as a bad request, and takes one choice from a server that ignores n', async () => {
    server = await startOpenAiTestServer({ n: 'reject' });
    const plan = letterPlan(20, 'test-model', { n: 3 });
    const rejected = await runRequests({ client: new OpenAiLlmClient({ baseUrl: server.url }), requests: plan, concurrency: 4, backoff: fast });
    assertBalanced(rejected, 20);
    assert.deepEqual(rejected.failedByReason, { 'bad-request': 20 });
    assert.equal(rejected.retried, 0);
    await server.close();
    server = await startOpenAiTestServer({ n: 'ignore' });
    const choices: number[] = [];
    const ignored = await runRequests({ client: new OpenAiLlmClient({ baseUrl: server.url }), requests: plan, concurrency: 4, onOutcome: (o) => o.kind === 'answered' && choices.push(o.response.choices.length) });
    assertBalanced(ignored, 20);
    assert.equal(ignored.answered, 20);
    assert.deepEqual([...new Set(choices)], [1]);
  });

  it('serves repeated runs from the cache without calling the server', async () => {
    server = await startOpenAiTestServer({});
    const client = new OpenAiLlmClient({ baseUrl: server.url });
    const cache = new ResponseCache(path.join(tmp.dir, 'cache'));
    const first = await runRequests({ client, cache, requests: letterPlan(50), concurrency: 8 });
    assert.equal(first.answered, 50);
    const sent = server.log.length;
    const second = await runRequests({ client, cache, requests: letterPlan(50), concurrency: 8 });
    assert.equal(second.cached, 50);
    assert.equal(second.answered, 0);
    assert.equal(server.log.length, sent);
    assert.ok(fs.existsSync(path.join(tmp.dir, 'cache')));
  });
});
