import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { OpenAiLlmClient } from '../src/adapters/openai/openAiLlmClient';
import type { LlmClient } from '../src/core/llm/llmClient';
import { LlmError } from '../src/core/llm/llmError';
import { runRequests, type RunSummary } from '../src/core/llm/runRequests';
import { JournalWriter } from '../src/core/runStore/journalWriter';
import { requestKey } from '../src/core/runStore/requestKey';
import { ResponseCache } from '../src/core/runStore/responseCache';
import type { BenchOptions, BenchResult, BenchSuite } from './benchTypes';
import { benchPlan } from './llmBenchPlan';
import { measure } from './measure';

/** Starts the OpenAI-compatible test fixture server in its own process (so it does not share our core). */
async function startServer(latencyMs: number): Promise<{ url: string; child: ChildProcess }> {
  const script = path.resolve('test/server/runTestServer.cjs');
  const child = spawn(process.execPath, [script, '--latency', String(latencyMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim()));
    child.once('exit', (code) => reject(new Error(`test server exited with ${String(code)}`)));
  });
  return { url, child };
}

function freshStore(): { dir: string; journal: JournalWriter; cache: ResponseCache } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ps-bench-'));
  return { dir, journal: JournalWriter.open(path.join(dir, 'journal.jsonl')), cache: new ResponseCache(path.join(dir, 'cache')) };
}

function check(s: RunSummary, n: number, what: string): void {
  if (s.answered + s.cached !== n) throw new Error(`${what}: ${s.answered + s.cached}/${n} answered (${JSON.stringify(s.failedByReason)})`);
}

/** A client that must never be called (the cache replay must not touch the network). */
const offline: LlmClient = {
  complete: () => Promise.reject(new LlmError('connection', 'offline')),
  listModels: () => Promise.resolve([]),
};

export const llmSuite: BenchSuite = {
  name: 'llm',
  async run(options: BenchOptions): Promise<Record<string, BenchResult>> {
    const results: Record<string, BenchResult> = {};
    const cleanup: string[] = [];
    const fast = await startServer(0);
    const slow = await startServer(100);
    try {
      // 1. request rate with a 0 ms server: the engine's own overhead (HTTP, journal, cache writes)
      {
        const n = options.quick ? 3000 : 20_000;
        const concurrency = 64;
        const client = new OpenAiLlmClient({ baseUrl: fast.url });
        let k = 0;
        const store = freshStore();
        cleanup.push(store.dir);
        const r = await measure(
          async () => {
            const s = await runRequests({ client, journal: store.journal, cache: store.cache, requests: benchPlan(n, `rps${k++}`), concurrency });
            check(s, n, 'llm_rps_0ms');
          },
          { runs: options.quick ? 1 : 3, warmup: 1 },
        );
        store.journal.close();
        results.llm_rps_0ms = { ...r, requests: n, concurrency, rps: n / r.median_s, with_journal_and_cache: true };
        options.log(`llm_rps_0ms: ${(n / r.median_s).toFixed(0)} requests/s`);
      }
      // 2. share of the theoretical throughput with 100 ms latency at concurrency 128
      {
        const concurrency = 128;
        const waves = options.quick ? 5 : 20;
        const n = concurrency * waves;
        const client = new OpenAiLlmClient({ baseUrl: slow.url });
        let k = 0;
        const store = freshStore();
        cleanup.push(store.dir);
        const r = await measure(
          async () => {
            const s = await runRequests({ client, journal: store.journal, cache: store.cache, requests: benchPlan(n, `lat${k++}`), concurrency });
            check(s, n, 'llm_share_100ms_c128');
          },
          { runs: 3, warmup: 1 },
        );
        store.journal.close();
        const theoretical = waves * 0.1;
        results.llm_share_100ms_c128 = { ...r, requests: n, concurrency, latency_ms: 100, theoretical_s: theoretical, share: theoretical / r.median_s, rps: n / r.median_s };
        options.log(`llm_share_100ms_c128: ${((theoretical / r.median_s) * 100).toFixed(1)}% of theoretical`);
      }
      // 3. replaying 100,000 cached answers into a fresh journal, with no network
      {
        const n = options.quick ? 20_000 : 100_000;
        const seed = freshStore();
        cleanup.push(seed.dir);
        seed.journal.close();
        const client = new OpenAiLlmClient({ baseUrl: fast.url });
        options.log(`cache_replay: filling a cache with ${n} answers…`);
        const fill = await runRequests({ client, cache: seed.cache, requests: benchPlan(n, 'replay'), concurrency: 64 });
        check(fill, n, 'cache fill');
        const r = await measure(
          async (journal: JournalWriter) => {
            const s = await runRequests({ client: offline, journal, cache: seed.cache, requests: benchPlan(n, 'replay'), concurrency: 64 });
            journal.close();
            if (s.cached !== n) throw new Error(`cache replay: ${s.cached}/${n} from the cache`);
          },
          { runs: options.quick ? 1 : 3, warmup: 1, setup: () => JournalWriter.open(path.join(seed.dir, `replay-${Date.now()}-${Math.random()}.jsonl`)) },
        );
        results.cache_replay_100k = { ...r, answers: n, per_s: n / r.median_s, goal_s: 3 };
        options.log(`cache_replay_100k: ${r.median_s.toFixed(2)} s for ${n}`);
        // the keys really are distinct per sample: one spot check
        const p0 = benchPlan(1, 'replay').next().value!;
        if (!seed.cache.getSync(requestKey(p0.request, 0))) throw new Error('cache replay: entry missing');
      }
      // 4. peak memory of a 100,000-request run (plan streamed from a generator, journal + cache on disk),
      //    in a fresh process so the figure is the run's own
      {
        const n = options.quick ? 20_000 : 100_000;
        const store = freshStore();
        cleanup.push(store.dir);
        store.journal.close();
        const child = spawn(process.execPath, ['--require', 'tsx/cjs', path.resolve('bench/llmMemoryChild.ts'), fast.url, String(n), store.dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
        const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
        if (code !== 0) throw new Error(`run_100k_peak_rss: child exited with ${String(code)}`);
        const m = JSON.parse(out) as { seconds: number; answered: number; failed: number; peak: number; baseline: number };
        if (m.answered !== n) throw new Error(`run_100k_peak_rss: ${m.answered}/${n} answered`);
        results.run_100k_peak_rss = { median_s: m.seconds, runs: 1, requests: n, peak_rss_mb: m.peak / 2 ** 20, baseline_rss_mb: m.baseline / 2 ** 20, growth_mb: (m.peak - m.baseline) / 2 ** 20, rps: n / m.seconds };
        options.log(`run_100k_peak_rss: peak ${(m.peak / 2 ** 20).toFixed(0)} MB (process start ${(m.baseline / 2 ** 20).toFixed(0)} MB)`);
      }
    } finally {
      fast.child.kill();
      slow.child.kill();
      for (const dir of cleanup) fs.rmSync(dir, { recursive: true, force: true });
    }
    return results;
  },
};
