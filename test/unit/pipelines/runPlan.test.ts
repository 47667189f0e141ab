import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { exportBatchFiles } from '../../../src/core/llm/batch/exportBatchFiles';
import { runPlan, type PlanConfirmation } from '../../../src/core/pipelines/plan/runPlan';
import { PipelineError } from '../../../src/core/pipelines/shared/pipelineError';
import { generatePersonas } from '../../../src/core/pipelines/study/runStudy';
import { loadResumeState } from '../../../src/core/runStore/resumeState';
import { startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { letterPlan, tempDir } from '../llm/helpers';
import { serverOptions, studyFolder } from './studyFixture';

const completions = (server: OpenAiTestServer): number => server.log.filter((e) => e.path.endsWith('completions')).length;

describe('core orchestration: plan → estimate → confirm → live or batch → journal', function () {
  this.timeout(60_000);
  let server: OpenAiTestServer;
  let tmp: ReturnType<typeof tempDir>;
  let input: string;
  before(async () => {
    server = await startOpenAiTestServer({ models: ['gpt-4o-mini'] });
  });
  after(async () => server.close());
  beforeEach(async () => {
    server.log.length = 0;
    tmp = tempDir('ps-runplan-');
    [input] = (await exportBatchFiles(letterPlan(30, 'gpt-4o-mini'), tmp.dir, 'plan')) as [string];
  });
  afterEach(() => tmp.remove());

  const client = (): OpenAiLlmClient => new OpenAiLlmClient({ baseUrl: server.url });

  it('a declined confirmation sends nothing: PipelineError declined, an empty journal', async () => {
    const seen: PlanConfirmation[] = [];
    const runDir = path.join(tmp.dir, 'run');
    await assert.rejects(
      runPlan({ planPath: input, runDir, client: client(), baseUrl: server.url, confirm: (c) => (seen.push(c), false) }),
      (err: unknown) => PipelineError.is(err, 'declined'),
    );
    assert.equal(seen.length, 1);
    // 30 requests in the plan, none answered yet
    assert.deepEqual([seen[0]!.estimate.calls, seen[0]!.total, seen[0]!.alreadyDone, seen[0]!.resumed], [30, 30, 0, false]);
    assert.equal(completions(server), 0);
    assert.equal((await loadResumeState(path.join(runDir, 'journal.jsonl'))).answered.size, 0);
  });

  it('live, then resumed: the second run is asked to confirm 0 calls with 30 answered already, and sends nothing', async () => {
    const runDir = path.join(tmp.dir, 'run');
    const first = await runPlan({ planPath: input, runDir, client: client(), baseUrl: server.url, concurrency: 8, confirm: () => true });
    assert.equal(first.mode, 'live');
    assert.equal(first.summary.answered, 30);
    const sent = completions(server);
    assert.equal(sent, 30);
    const seen: PlanConfirmation[] = [];
    const second = await runPlan({ planPath: input, runDir, client: client(), baseUrl: server.url, confirm: (c) => (seen.push(c), true) });
    assert.deepEqual([seen[0]!.estimate.calls, seen[0]!.alreadyDone, seen[0]!.resumed], [0, 30, true]);
    assert.equal(second.summary.skipped, 30);
    assert.equal(completions(server), sent);
  });

  it('batch: the estimate is priced at the batch discount, every request answered through /v1/batches', async () => {
    const runDir = path.join(tmp.dir, 'run');
    const seen: PlanConfirmation[] = [];
    const r = await runPlan({ planPath: input, runDir, client: client(), baseUrl: server.url, mode: 'batch', pollIntervalMs: 2, confirm: (c) => (seen.push(c), true) });
    assert.equal(r.mode, 'batch');
    assert.match(seen[0]!.estimate.note, /batch price: 50% of synchronous/);
    if (r.mode === 'batch') assert.deepEqual([r.summary.answered, r.summary.failed, r.summary.unanswered], [30, 0, 0]);
    assert.ok(server.log.some((e) => e.path.endsWith('/batches')));
    assert.equal(server.log.filter((e) => e.path.endsWith('/chat/completions')).length, 0);
    assert.equal((await loadResumeState(path.join(runDir, 'journal.jsonl'))).answered.size, 30);
  });

  it('a study whose estimate is declined sends nothing and writes no backstories', async () => {
    const s = studyFolder({ humans: 10 });
    try {
      const study = await startOpenAiTestServer({ plausible: true });
      try {
        await assert.rejects(generatePersonas(s.persona, { ...serverOptions(study), count: 3, confirm: () => false }), (err: unknown) => PipelineError.is(err, 'declined'));
        assert.equal(study.log.filter((e) => e.path.endsWith('completions')).length, 0);
        assert.ok(!fs.existsSync(path.join(s.dir, 'small.backstories.jsonl')));
      } finally {
        await study.close();
      }
    } finally {
      s.remove();
    }
  });
});
