import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { runCliCaptured } from '../cli/runCli.test';
import { letterPlan, tempDir } from './helpers';

describe('cli: persona-studio llm', function () {
  this.timeout(20_000);
  let server: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  let input: string;
  beforeEach(async () => {
    tmp = tempDir('ps-llmcli-');
    [input] = (await exportBatchFiles(letterPlan(120, 'gpt-4o-mini'), tmp.dir, 'plan')) as [string];
  });
  afterEach(async () => {
    await server?.close();
    tmp.remove();
  });

  it('estimates calls, tokens and cost', async () => {
    const r = await runCliCaptured(['llm', 'estimate', '--input', input, '--json']);
    assert.equal(r.code, 0, r.err);
    const e = JSON.parse(r.out) as { calls: number; costUsd: { min: number; max: number }; tokenizers: string[] };
    assert.equal(e.calls, 120);
    assert.deepEqual(e.tokenizers, ['o200k_base']);
    assert.ok(e.costUsd.max > 0);
  });

  it('runs a plan through faults, then a second run resumes and sends nothing', async () => {
    server = await startOpenAiTestServer({ models: ['gpt-4o-mini'], faults: { rateLimit: 0.1, retryAfterMs: 2, unavailable: 0.1, badRequest: 0.05 } });
    const runDir = path.join(tmp.dir, 'run');
    const args = ['llm', 'run', '--input', input, '--endpoint', server.url, '--run-dir', runDir, '--concurrency', '8', '--json'];
    const first = await runCliCaptured(args);
    const s = JSON.parse(first.out) as { total: number; answered: number; failed: number; failedByReason: Record<string, number>; retried: number };
    assert.equal(first.code, s.failed > 0 ? 1 : 0, first.err);
    assert.equal(s.total, 120);
    assert.equal(s.answered + s.failed, 120);
    assert.equal(s.failed, s.failedByReason['bad-request'] ?? 0);
    assert.ok(s.retried > 0);
    const sent = server.log.length;
    server.options.faults = {};
    const second = await runCliCaptured(args);
    const s2 = JSON.parse(second.out) as { skipped: number; answered: number; cached: number };
    assert.equal(second.code, 0, second.err);
    assert.equal(s2.skipped, s.answered);
    assert.equal(s2.answered, s.failed, 'only the failures are sent again');
    assert.equal(server.log.length, sent + s.failed);
    assert.equal((await loadResumeState(path.join(runDir, 'journal.jsonl'))).answered.size, 120);
    const manifest = JSON.parse(fs.readFileSync(path.join(runDir, 'manifest.json'), 'utf8')) as { endpoint: { model: string }; totalRequests: number };
    assert.equal(manifest.endpoint.model, 'gpt-4o-mini');
    assert.equal(manifest.totalRequests, 120);
  });

  it('asks for confirmation above the cost threshold', async () => {
    server = await startOpenAiTestServer();
    const r = await runCliCaptured(['llm', 'run', '--input', input, '--endpoint', server.url, '--run-dir', path.join(tmp.dir, 'run'), '--confirm-above', '0']);
    assert.equal(r.code, 1);
    assert.match(r.err, /--yes/);
    assert.equal(server.log.length, 0);
  });

  for (const command of ['run', 'batch'] as const) {
    it(`llm ${command}: an unpriced model never passes --confirm-above silently (exit 1, nothing sent); --yes runs it`, async () => {
      server = await startOpenAiTestServer({ models: ['my-local-model'] });
      const [unpriced] = (await exportBatchFiles(letterPlan(4, 'my-local-model'), path.join(tmp.dir, 'u'), 'plan')) as [string];
      const extra = command === 'batch' ? ['--poll', '5'] : [];
      const runDir = path.join(tmp.dir, 'run');
      const r = await runCliCaptured(['llm', command, '--input', unpriced, '--endpoint', server.url, '--run-dir', runDir, ...extra]);
      assert.equal(r.code, 1, r.err);
      assert.match(r.err, /the cost is unknown \(no price for my-local-model\); set a price with --price .*, or pass --yes to run anyway/);
      assert.equal(server.log.length, 0, 'nothing sent');
      // the run folder holds no more than a run declined above the threshold holds (a priced plan, --confirm-above 0)
      const declinedDir = path.join(tmp.dir, 'declined');
      const d = await runCliCaptured(['llm', command, '--input', input, '--endpoint', server.url, '--run-dir', declinedDir, '--confirm-above', '0', ...extra]);
      assert.equal(d.code, 1, d.err);
      assert.deepEqual(fs.readdirSync(runDir).sort(), fs.readdirSync(declinedDir).sort());
      assert.equal((await loadResumeState(path.join(runDir, 'journal.jsonl'))).answered.size, 0);
      const ok = await runCliCaptured(['llm', command, '--input', unpriced, '--endpoint', server.url, '--run-dir', runDir, '--yes', '--json', ...extra]);
      assert.equal(ok.code, 0, ok.err);
      assert.equal((JSON.parse(ok.out) as { answered: number }).answered, 4);
      assert.ok(server.log.length > 0);
    });
  }

  it('runs a plan through the Batch API', async () => {
    server = await startOpenAiTestServer({ faults: { batchLine: 0.1 } });
    const r = await runCliCaptured(['llm', 'batch', '--input', input, '--endpoint', server.url, '--run-dir', path.join(tmp.dir, 'run'), '--poll', '5', '--max-rounds', '6', '--json']);
    assert.equal(r.code, 0, r.err);
    const s = JSON.parse(r.out) as { answered: number; unanswered: number };
    assert.equal(s.answered, 120);
    assert.equal(s.unanswered, 0);
  });

  it('rejects a malformed plan with its line number', async () => {
    fs.appendFileSync(input, '{"custom_id": "x", "url": "/v1/chat/completions"}\n');
    const r = await runCliCaptured(['llm', 'estimate', '--input', input]);
    assert.equal(r.code, 2);
    assert.match(r.err, /plan-001\.jsonl:121/);
  });
});
