import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../src/adapters/openai/openAiLlmClient';
import type { LlmClient } from '../src/core/llm/llmClient';
import type { LlmRequest } from '../src/core/llm/llmRequest';
import type { LlmResponse } from '../src/core/llm/llmResponse';
import type { MatchedPersona } from '../src/core/pipelines/matching/matchBackstories';
import { nodePipelineFiles } from '../src/core/pipelines/shared/pipelineFiles';
import { RequestSender } from '../src/core/pipelines/shared/requestSender';
import { CONSISTENCY_SENTENCE, type SimulationStageConfig } from '../src/core/pipelines/simulation/simulationConfig';
import { simulateSurvey } from '../src/core/pipelines/simulation/simulateSurvey';
import { openRunStore } from '../src/core/runStore/openRunStore';
import type { BenchOptions, BenchResult, BenchSuite } from './benchTypes';
import { measure } from './measure';

/** The test fixture server in its own process, so its work does not count against the pipeline. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.resolve('test/server/runTestServer.cjs'), '--latency', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`test server exited with ${String(code)}`)));
  });
  return { url, child };
}

/** Answers at once with the letter "B", in memory: what is left of a run's time is the pipeline's own. */
const instant: LlmClient = {
  complete: (request: LlmRequest): Promise<LlmResponse> => Promise.resolve({ model: request.model, choices: [{ index: 0, text: ' B', finishReason: 'stop' }], usage: { promptTokens: 100, completionTokens: 1 } }),
  listModels: () => Promise.resolve(['bench-model']),
};

const ACCURACY = ['Very Inaccurate', 'Moderately Inaccurate', 'Slightly Inaccurate', 'Slightly Accurate', 'Moderately Accurate', 'Very Accurate'];

function config(questions: number): SimulationStageConfig {
  return {
    model: { name: 'test-base-model', api: 'completions', params: { temperature: 1, top_p: 1, max_tokens: 128, stop: ['\n', 'Question:'] } },
    mode: 'series',
    consistency: CONSISTENCY_SENTENCE,
    order: { questions: 'shuffle', likert: 'reverse-half', nominal: 'shuffle' },
    elicitation: { method: 'sample', maxReasks: 100 },
    template: '{{backstory}}\n\n{{history}}{{consistency}}Question: {{question}}\n{{options}}\nAnswer with {{labels}}.\nAnswer:',
    questions: Array.from({ length: questions }, (_, i) => ({ id: `Q${i + 1}`, text: `Statement number ${i + 1} about how you see yourself.`, type: 'ordinal' as const, options: ACCURACY, codes: [1, 2, 3, 4, 5, 6] })),
    seed: 7,
  };
}

function personas(n: number): MatchedPersona[] {
  const story = 'Question: Tell me about yourself.\n\nAnswer: I grew up in a small town, worked in a factory for twenty years, and now I spend my time with my grandchildren and my garden. '.repeat(3);
  return Array.from({ length: n }, (_, i) => ({ personaId: `p${i}`, backstoryId: `b${i}`, demographics: {}, block: '', text: `${story}(${i})` }));
}

async function simulateOnce(client: LlmClient, scope: string, n: number, questions: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-bench-pipe-'));
  try {
    const store = await openRunStore(dir, { manifest: { specHash: 'bench', endpoint: { name: 'bench', baseUrl: 'http://127.0.0.1/v1', model: 'test-base-model' }, params: {}, seeds: {}, versions: {} } });
    try {
      const llm = await RequestSender.open(store, { client, cacheScope: scope, concurrency: 64 });
      const { counts } = await simulateSurvey(config(questions), personas(n), { llm, files: nodePipelineFiles, runDir: dir });
      const answered = Object.values(counts).reduce((a, c) => a + c.answered + c.refused + c.nonCompliant, 0);
      if (answered !== n * questions) throw new Error(`bench run incomplete: ${answered}/${n * questions}`);
      return llm.counts.requests;
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Pipeline overhead per request: the simulation stage (Anthology series mode, per-persona shuffles, prompt rendering
 * with the growing history, stable ids and seeds, journal, cache, parse ladder, mapping back) over 400 personas × 25
 * questions. Against the 0 ms test server in its own process (HTTP included), and against an in-memory client that
 * answers at once (the pipeline alone). Goal: ≥ 2,000 requests/s, so the endpoint is always the bottleneck.
 */
export const pipelineSuite: BenchSuite = {
  name: 'pipeline',
  async run(options: BenchOptions): Promise<Record<string, BenchResult>> {
    const n = options.quick ? 100 : 400;
    const questions = 25;
    const results: Record<string, BenchResult> = {};
    const server = await startServer();
    try {
      const http = new OpenAiLlmClient({ baseUrl: server.url });
      let requests = 0;
      const r = await measure(async () => void (requests = await simulateOnce(http, server.url, n, questions)), { runs: options.quick ? 1 : 3, warmup: 1 });
      results.pipeline_simulate_rps_0ms_server = { ...r, requests, personas: n, questions, rps: requests / r.median_s, goal_rps: 2000 };
      options.log(`pipeline_simulate_rps_0ms_server: ${(requests / r.median_s).toFixed(0)} requests/s`);
      const m = await measure(async () => void (requests = await simulateOnce(instant, 'memory', n, questions)), { runs: options.quick ? 1 : 3, warmup: 1 });
      results.pipeline_simulate_rps_in_memory = { ...m, requests, personas: n, questions, rps: requests / m.median_s, overhead_us_per_request: (m.median_s / requests) * 1e6, goal_rps: 2000 };
      options.log(`pipeline_simulate_rps_in_memory: ${(requests / m.median_s).toFixed(0)} requests/s`);
    } finally {
      server.child.kill('SIGTERM');
    }
    return results;
  },
};
