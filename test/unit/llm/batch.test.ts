import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { buildBatchShards } from '../../../src/core/llm/batch/buildBatchShards';
import { exportBatchFiles, importBatchOutput } from '../../../src/core/llm/batch/exportBatchFiles';
import { parseBatchOutputLine } from '../../../src/core/llm/batch/parseBatchOutputLine';
import { runBatch } from '../../../src/core/llm/batch/runBatch';
import { JournalWriter } from '../../../src/core/runStore/journalWriter';
import { readJournal } from '../../../src/core/runStore/readJournal';
import { requestKey } from '../../../src/core/runStore/requestKey';
import { ResponseCache } from '../../../src/core/runStore/responseCache';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { writeManifest, readManifest } from '../../../src/core/runStore/runManifest';
import { generateAnswer, startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { letterPlan, tempDir } from './helpers';

const manifestFor = (baseUrl: string) => ({
  version: 1 as const,
  createdAt: '2026-01-01T00:00:00.000Z',
  specHash: 'abc123',
  endpoint: { name: 'test', baseUrl, model: 'test-model' },
  params: { temperature: 1 },
  seeds: { shuffle: 7 },
  versions: { personaStudio: '0.1.0' },
  batches: [],
});

describe('llm batch: files', () => {
  it('splits at the request limit, the byte limit and a model change', () => {
    const plan = [...letterPlan(250), ...letterPlan(10, 'other-model').map((p) => ({ ...p, id: `o${p.id}` }))];
    const shards = [...buildBatchShards(plan, { maxRequests: 100 })];
    assert.deepEqual(shards.map((s) => s.ids.length), [100, 100, 50, 10]);
    assert.deepEqual(shards.map((s) => s.model), ['test-model', 'test-model', 'test-model', 'other-model']);
    const oneLine = shards[0]!.bytes / 100;
    const bySize = [...buildBatchShards(letterPlan(50), { maxBytes: Math.ceil(oneLine * 20.5) })];
    assert.ok(bySize.every((s) => s.bytes <= oneLine * 20.5 + 50));
    assert.equal(bySize.reduce((a, s) => a + s.ids.length, 0), 50);
    const line = JSON.parse(shards[0]!.content.split('\n')[0]!) as { custom_id: string; method: string; url: string; body: { logprobs: boolean; top_logprobs: number } };
    assert.equal(line.custom_id, 'p0');
    assert.equal(line.url, '/v1/chat/completions');
    assert.equal(line.body.top_logprobs, 20);
  });

  it('reads OpenAI output and error lines and both vLLM shapes', () => {
    const body = generateAnswer({ model: 'm', messages: [{ role: 'user', content: '(A) x\n(B) y' }] }, 'chat', { logprobs: true, n: 'support', contentFilter: false });
    const openAiOk = parseBatchOutputLine(JSON.stringify({ id: 'b1', custom_id: 'a', response: { status_code: 200, request_id: 'r', body }, error: null }), 'chat');
    assert.ok(openAiOk && 'response' in openAiOk && openAiOk.response.choices.length === 1);
    const expired = parseBatchOutputLine(JSON.stringify({ id: 'b2', custom_id: 'b', response: null, error: { code: 'batch_expired', message: 'expired' } }), 'chat');
    assert.deepEqual(expired, { customId: 'b', error: { reason: 'timeout', message: 'batch_expired: expired' } });
    const vllmErr = parseBatchOutputLine(JSON.stringify({ id: 'v', custom_id: 'c', response: { status_code: 400, request_id: 'x', body: null }, error: 'bad prompt' }), 'chat');
    assert.deepEqual(vllmErr, { customId: 'c', error: { reason: 'bad-request', status: 400, message: 'bad prompt' } });
    const vllmOld = parseBatchOutputLine(JSON.stringify({ id: 'v2', custom_id: 'd', response: body, error: null }), 'chat');
    assert.ok(vllmOld && 'response' in vllmOld);
  });
});

describe('llm batch: runBatch against the test server', function () {
  this.timeout(30_000);
  let server: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => (tmp = tempDir('ps-batch-')));
  afterEach(async () => {
    await server.close();
    tmp.remove();
  });

  it('uploads, creates, polls, joins on custom_id and resubmits only the failures', async () => {
    server = await startOpenAiTestServer({ faults: { batchLine: 0.2 } });
    const manifestPath = path.join(tmp.dir, 'manifest.json');
    await writeManifest(manifestPath, manifestFor(server.url));
    const journalPath = path.join(tmp.dir, 'journal.jsonl');
    const journal = JournalWriter.open(journalPath);
    const cache = new ResponseCache(path.join(tmp.dir, 'cache'));
    const plan = letterPlan(250);
    const summary = await runBatch({ backend: new OpenAiLlmClient({ baseUrl: server.url }), requests: plan, manifestPath, journal, cache, pollIntervalMs: 5, limits: { maxRequests: 100 }, maxRounds: 6 });
    journal.close();
    assert.equal(summary.answered, 250);
    assert.equal(summary.unanswered, 0);
    assert.ok(summary.retryable > 0, 'some lines failed and were resubmitted');
    assert.ok(summary.rounds >= 2);
    // resubmitted lines are exactly the failed ones: each custom_id was answered by the server once
    const inputs = [...server.files.values()].filter((f) => f.purpose === 'batch');
    const submittedIds = inputs.flatMap((f) => f.bytes.toString().trim().split('\n').map((l) => (JSON.parse(l) as { custom_id: string }).custom_id));
    assert.equal(submittedIds.length, 250 + summary.retryable);
    const state = await loadResumeState(journalPath);
    assert.equal(state.answered.size, 250);
    for (const p of plan.slice(0, 20)) assert.ok(await cache.has(requestKey(p.request, 0)));
    const manifest = await readManifest(manifestPath);
    assert.equal(manifest!.batches.length, summary.batchesSubmitted);
    assert.ok(manifest!.batches.every((b) => b.merged && b.status === 'completed'));
  });

  it('survives a restart: batches in the manifest are finished, not resubmitted', async () => {
    server = await startOpenAiTestServer({ batchPolls: 3 });
    const manifestPath = path.join(tmp.dir, 'manifest.json');
    await writeManifest(manifestPath, manifestFor(server.url));
    const plan = letterPlan(120);
    const backend = new OpenAiLlmClient({ baseUrl: server.url });
    const controller = new AbortController();
    const first = await runBatch({ backend, requests: plan, manifestPath, pollIntervalMs: 5, limits: { maxRequests: 50 }, signal: controller.signal, onStatus: () => controller.abort() });
    assert.equal(first.wasCancelled, true);
    const afterFirst = server.batches.size;
    assert.ok(afterFirst >= 1);
    const journalPath = path.join(tmp.dir, 'journal.jsonl');
    const journal = JournalWriter.open(journalPath);
    const second = await runBatch({ backend, requests: plan, manifestPath, journal, pollIntervalMs: 5, limits: { maxRequests: 50 } });
    journal.close();
    assert.equal(second.unanswered, 0);
    assert.equal(server.batches.size, 3, 'the batch from before the restart was reused, the rest submitted once');
    const ids = new Set<string>();
    for await (const r of readJournal(journalPath)) if (r.t === 'answer') ids.add(r.id);
    assert.equal(ids.size, 120);
  });

  it('exports JSONL for vllm run-batch and imports its results in both shapes', async () => {
    server = await startOpenAiTestServer();
    const plan = letterPlan(30);
    const files = await exportBatchFiles(plan, path.join(tmp.dir, 'export'), 'run', { maxRequests: 20 });
    assert.equal(files.length, 2);
    // play vLLM: answer every line, in input order, half in the wrapper shape and half in the old shape; one error inline
    const out: string[] = [];
    for (const file of files) {
      for (const line of fs.readFileSync(file, 'utf8').trim().split('\n')) {
        const item = JSON.parse(line) as { custom_id: string; body: Record<string, unknown> };
        const body = generateAnswer(item.body, 'chat', { logprobs: true, n: 'support', contentFilter: false });
        const i = Number(item.custom_id.slice(1));
        if (i === 7) out.push(JSON.stringify({ id: 'vllm-x', custom_id: item.custom_id, response: { status_code: 400, request_id: 'vllm-batch-x', body: null }, error: 'prompt too long' }));
        else if (i % 2 === 0) out.push(JSON.stringify({ id: `vllm-${i}`, custom_id: item.custom_id, response: { status_code: 200, request_id: `vllm-batch-${i}`, body }, error: null }));
        else out.push(JSON.stringify({ id: `vllm-${i}`, custom_id: item.custom_id, response: body, error: null }));
      }
    }
    const results = path.join(tmp.dir, 'results.jsonl');
    fs.writeFileSync(results, `${out.join('\n')}\n`);
    const journal = JournalWriter.open(path.join(tmp.dir, 'journal.jsonl'));
    const counts = await importBatchOutput(results, plan, { journal, cache: new ResponseCache(path.join(tmp.dir, 'cache')) });
    journal.close();
    assert.equal(counts.answered, 29);
    assert.equal(counts.failed, 1);
    assert.deepEqual(counts.failedByReason, { 'bad-request': 1 });
  });
});
