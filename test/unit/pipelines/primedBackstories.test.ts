import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../../../src/adapters/openai/openAiLlmClient';
import { generateBackstories } from '../../../src/core/pipelines/backstories/generateBackstories';
import { nodePipelineFiles } from '../../../src/core/pipelines/shared/pipelineFiles';
import { RequestSender } from '../../../src/core/pipelines/shared/requestSender';
import { openRunStore } from '../../../src/core/runStore/openRunStore';
import { startOpenAiTestServer } from '../../server/openAiTestServer';
import { completionBodies } from './studyFixture';

describe('pipelines: demographics-primed backstories (Anthology §1.3, the stage alone)', function () {
  this.timeout(120_000);
  it('writes one backstory per given demographic block, the block in the prompt, the values on the record, every parameter kept', async () => {
    const server = await startOpenAiTestServer({ plausible: true, logBodies: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-dp-'));
    try {
      const store = await openRunStore(dir, { manifest: { specHash: 'dp', endpoint: { name: 't', baseUrl: server.url, model: 'test-model' }, params: {}, seeds: {}, versions: {} } });
      const llm = await RequestSender.open(store, { client: new OpenAiLlmClient({ baseUrl: server.url }), cacheScope: server.url });
      const primed = [
        { block: 'Below you will be asked to complete some demographic questions, and then answer a question.\n\nQuestion: What is your age?\n(A) 18-29\n(B) 30-49\nAnswer with (A) or (B).\nAnswer: (B)', given: { age: '30-49' } },
        { block: 'Below you will be asked to complete some demographic questions, and then answer a question.\n\nQuestion: What is your age?\n(A) 18-29\n(B) 30-49\nAnswer with (A) or (B).\nAnswer: (A)', given: { age: '18-29' } },
      ];
      const output = path.join(dir, 'dp.backstories.jsonl');
      const { records, summary } = await generateBackstories(
        {
          method: 'demographics-primed',
          count: 99,
          seed: 5,
          model: { name: 'test-model', api: 'chat', params: { temperature: 1.1, top_p: 1, max_tokens: 1500 } },
          prompt: '{{demographics}}\n\nQuestion: Tell me about yourself.\n\nAnswer:',
          minTokens: 0,
          primed,
          outputPath: output,
        },
        { llm, files: nodePipelineFiles, runDir: dir },
      );
      store.close();
      assert.equal(summary.wanted, 2, 'one backstory per primed respondent, whatever the count');
      assert.deepEqual(records.map((r) => r.given), [{ age: '30-49' }, { age: '18-29' }]);
      const prompts = completionBodies(server).map((b) => (b.messages as Array<{ content: string }>)[0]!.content);
      for (const [i, p] of primed.entries()) {
        assert.ok(prompts.includes(`${p.block}\n\nQuestion: Tell me about yourself.\n\nAnswer:`));
        assert.equal(records[i]!.passage, `${p.block}\n\nQuestion: Tell me about yourself.\n\nAnswer: ${records[i]!.text}`);
        assert.equal(records[i]!.params?.temperature, 1.1);
        assert.equal(records[i]!.method, 'demographics-primed');
      }
      assert.equal(fs.readFileSync(output, 'utf8').trim().split('\n').length, 2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await server.close();
    }
  });
});
