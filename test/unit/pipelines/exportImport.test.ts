import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PipelineError } from '../../../src/core/pipelines/shared/pipelineError';
import { simulateStudy } from '../../../src/core/pipelines/study/runStudy';
import { generateAnswer, startOpenAiTestServer, type OpenAiTestServer } from '../../server/openAiTestServer';
import { serverOptions, studyFolder } from './studyFixture';

/** What `vllm run-batch` writes for an input file: one `{id, custom_id, response: {status_code, body}}` line each (answers from the test server's generator). */
function runBatchLikeVllm(input: string, output: string): void {
  const lines = fs
    .readFileSync(input, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const item = JSON.parse(l) as { custom_id: string; url: string; body: Record<string, unknown> };
      const body = generateAnswer(item.body, item.url.endsWith('/chat/completions') ? 'chat' : 'completion', { logprobs: true, n: 'support', contentFilter: false, plausible: true });
      return JSON.stringify({ id: `vllm-${item.custom_id}`, custom_id: item.custom_id, response: { status_code: 200, body }, error: null });
    });
  fs.writeFileSync(output, `${lines.join('\n')}\n`);
}

describe('pipelines: export / import rounds for vllm run-batch', function () {
  this.timeout(600_000);
  let server: OpenAiTestServer;
  before(async () => {
    server = await startOpenAiTestServer({ plausible: true });
  });
  after(async () => server.close());

  it('each run exports the next round and stops; with the results imported the study finishes with the answers of a live run', async () => {
    const live = studyFolder({ humans: 4 });
    const offline = studyFolder({ humans: 4 });
    try {
      for (const s of [live, offline]) fs.writeFileSync(s.survey, fs.readFileSync(s.survey, 'utf8').replace('mode: series', 'mode: independent'));
      const reference = await simulateStudy(live.survey, serverOptions(server, 'live', { count: 5, analyze: false }));
      const imports: string[] = [];
      const runDir = path.join(offline.dir, 'run');
      const sentBefore = server.log.length;
      let cycles = 0;
      for (;;) {
        try {
          const options = serverOptions(server, 'live', { count: 5, analyze: false });
          const r = await simulateStudy(offline.survey, { ...options, runDir, access: { ...options.access, mode: 'export', importFiles: imports } });
          assert.equal(fs.readFileSync(r.answersPath, 'utf8'), fs.readFileSync(reference.answersPath, 'utf8'));
          break;
        } catch (err) {
          assert.ok(PipelineError.is(err, 'awaiting-import'), String(err));
          const files = /written for a batch runner: (.*?); run them/.exec(err.message)![1]!.split(', ');
          for (const f of files) {
            const out = `${f}.results.jsonl`;
            runBatchLikeVllm(f, out);
            imports.push(out);
          }
          cycles++;
          assert.ok(cycles < 60, 'the study converges');
        }
      }
      assert.ok(cycles >= 3, `export rounds: ${cycles}`);
      assert.equal(server.log.length, sentBefore, 'nothing went to the endpoint in export mode');
    } finally {
      live.remove();
      offline.remove();
    }
  });
});
