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

/** The test fixture server in its own process, so its work does not count against the pipeline. */
async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [path.resolve('test/server/runTestServer.cjs'), '--latency', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`test server exited with ${String(code)}`)));
  });
  return { url, child };
}

/**
 * CPU seconds (user + system) a process has used so far, from `/proc/<pid>/stat` (fields 14 and 15, in clock
 * ticks of 1/100 s: `man 5 proc`); `undefined` where there is no procfs.
 */
function processCpuSeconds(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (field 2) may hold spaces: count fields after its closing parenthesis
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** One timed run: wall seconds, this process's CPU seconds, the server process's CPU seconds (when known). */
interface RunCost {
  readonly wall_s: number;
  readonly cpu_s: number;
  readonly server_cpu_s: number | undefined;
  readonly requests: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The figures of a set of timed runs: wall requests/s and the CPU per request of the pipeline (and the server). */
function summarise(costs: readonly RunCost[], extra: Record<string, number | string>, server = true): BenchResult {
  const wall = costs.map((c) => c.wall_s);
  const cpuUs = median(costs.map((c) => (c.cpu_s / c.requests) * 1e6));
  const serverKnown = costs.every((c) => c.server_cpu_s !== undefined);
  const requests = costs[0]!.requests;
  return {
    median_s: median(wall),
    runs: costs.length,
    min_s: Math.min(...wall),
    max_s: Math.max(...wall),
    requests,
    ...extra,
    wall_rps: requests / median(wall),
    pipeline_cpu_us_per_request: cpuUs,
    pipeline_sustainable_rps: 1e6 / cpuUs,
    // cores busy with the run: what the machine gave the two processes (the rest went to other work)
    pipeline_cores_used: median(costs.map((c) => c.cpu_s / c.wall_s)),
    ...(!server
      ? {}
      : serverKnown
        ? { server_cpu_us_per_request: median(costs.map((c) => (c.server_cpu_s! / c.requests) * 1e6)), server_cores_used: median(costs.map((c) => c.server_cpu_s! / c.wall_s)) }
        : { server_cpu_us_per_request: 'not measured (no /proc)' }),
    goal_rps: 2000,
  };
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

/**
 * One simulation run in a fresh run folder, timed from opening the run store to its close. `cacheDir` is the
 * shared answer cache (as a project's `<root>/cache`); the scope is new for every run, so every request misses it
 * and really goes to `client`, and its answer is written to it, as in a first run of a study.
 */
async function simulateOnce(client: LlmClient, cacheDir: string, n: number, questions: number, serverPid?: number): Promise<RunCost> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-bench-pipe-'));
  try {
    const cpu0 = process.cpuUsage();
    const server0 = processCpuSeconds(serverPid);
    const t0 = process.hrtime.bigint();
    const store = await openRunStore(dir, { cacheDir, manifest: { specHash: 'bench', endpoint: { name: 'bench', baseUrl: 'http://127.0.0.1/v1', model: 'test-base-model' }, params: {}, seeds: {}, versions: {} } });
    let requests: number;
    try {
      const llm = await RequestSender.open(store, { client, cacheScope: `bench-${path.basename(dir)}`, concurrency: 64 });
      const { counts } = await simulateSurvey(config(questions), personas(n), { llm, files: nodePipelineFiles, runDir: dir });
      const answered = Object.values(counts).reduce((a, c) => a + c.answered + c.refused + c.nonCompliant, 0);
      if (answered !== n * questions) throw new Error(`bench run incomplete: ${answered}/${n * questions}`);
      if (llm.counts.sent !== llm.counts.requests) throw new Error(`bench run answered ${llm.counts.requests - llm.counts.sent} requests without the client`);
      requests = llm.counts.requests;
    } finally {
      store.close();
    }
    const wall_s = Number(process.hrtime.bigint() - t0) / 1e9;
    const cpu = process.cpuUsage(cpu0);
    const server1 = processCpuSeconds(serverPid);
    return { wall_s, cpu_s: (cpu.user + cpu.system) / 1e6, server_cpu_s: server0 === undefined || server1 === undefined ? undefined : server1 - server0, requests };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Times `runs` runs after `warmup` untimed ones, each with a fresh run folder and cache scope. */
async function timedRuns(run: () => Promise<RunCost>, runs: number, warmup: number): Promise<RunCost[]> {
  for (let i = 0; i < warmup; i++) await run();
  const costs: RunCost[] = [];
  for (let i = 0; i < runs; i++) costs.push(await run());
  return costs;
}

/**
 * Pipeline overhead per request: the simulation stage (Anthology series mode, per-persona shuffles, prompt rendering
 * with the growing history, stable ids and seeds, journal, answer cache, parse ladder, mapping back) over 400
 * personas × 25 questions, at concurrency 64. Against the 0 ms test server in its own process (real HTTP over
 * loopback), and against an in-memory client that answers at once (the pipeline alone). Goal: ≥ 2,000 requests/s,
 * so the endpoint is always the bottleneck.
 *
 * Wall requests/s depends on what else the machine runs (the test server's own CPU competes with the pipeline on
 * a small machine), so each result also reports the pipeline process's CPU time per request, the honest overhead:
 * the pipeline sustains `pipeline_sustainable_rps` = 1 / (CPU seconds per request) on one core; the test server's
 * CPU per request (from `/proc`) and the load average are reported beside it. Every run writes its answers to a
 * shared cache folder whose 4,096 bucket files exist after the first run (the steady state of a project's cache);
 * `pipeline_simulate_0ms_server_cold_cache` is one run into an empty cache folder, which creates them.
 */
export const pipelineSuite: BenchSuite = {
  name: 'pipeline',
  async run(options: BenchOptions): Promise<Record<string, BenchResult>> {
    const n = options.quick ? 100 : 400;
    const questions = 25;
    const runs = options.quick ? 1 : 3;
    const results: Record<string, BenchResult> = {};
    const shape = { personas: n, questions, concurrency: 64, cores: os.cpus().length };
    const load = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');
    const caches = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-bench-cache-'));
    const server = await startServer();
    try {
      const http = new OpenAiLlmClient({ baseUrl: server.url });
      const pid = server.child.pid;
      const loadBefore = load();
      // warm-up (JIT, connections) into a cache folder of its own, then one run into an empty cache folder
      await simulateOnce(http, path.join(caches, 'warmup'), Math.min(n, 100), questions, pid);
      const cold = await simulateOnce(http, path.join(caches, 'shared'), n, questions, pid);
      results.pipeline_simulate_0ms_server_cold_cache = summarise([cold], { ...shape, load_avg_1_5_15: loadBefore });
      const warm = await timedRuns(() => simulateOnce(http, path.join(caches, 'shared'), n, questions, pid), runs, 0);
      results.pipeline_simulate_rps_0ms_server = summarise(warm, { ...shape, load_avg_1_5_15: `${loadBefore} → ${load()}` });
      const mLoad = load();
      const memory = await timedRuns(() => simulateOnce(instant, path.join(caches, 'shared'), n, questions), runs, 1);
      results.pipeline_simulate_rps_in_memory = summarise(memory, { ...shape, load_avg_1_5_15: `${mLoad} → ${load()}` }, false);
      for (const key of ['pipeline_simulate_rps_0ms_server', 'pipeline_simulate_rps_in_memory']) {
        const r = results[key]!;
        options.log(`${key}: ${Number(r.wall_rps).toFixed(0)} requests/s wall; pipeline CPU ${Number(r.pipeline_cpu_us_per_request).toFixed(0)} µs/request = ${Number(r.pipeline_sustainable_rps).toFixed(0)} requests/s sustainable (load ${String(r.load_avg_1_5_15)})`);
      }
    } finally {
      server.child.kill('SIGTERM');
      fs.rmSync(caches, { recursive: true, force: true });
    }
    return results;
  },
};
