// Child process of the llm bench: one run of N requests against the test server, in a fresh process so
// that its peak memory is its own. argv: <baseUrl> <count> <dir>. Prints one JSON line of figures.
import * as path from 'node:path';
import { OpenAiLlmClient } from '../src/adapters/openai/openAiLlmClient';
import { runRequests } from '../src/core/llm/runRequests';
import { JournalWriter } from '../src/core/runStore/journalWriter';
import { ResponseCache } from '../src/core/runStore/responseCache';
import { benchPlan } from './llmBenchPlan';

async function main(): Promise<void> {
  const [url, count, dir] = process.argv.slice(2);
  const n = Number(count);
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const journal = JournalWriter.open(path.join(dir!, 'journal.jsonl'));
  const t0 = process.hrtime.bigint();
  const s = await runRequests({ client: new OpenAiLlmClient({ baseUrl: url! }), journal, cache: new ResponseCache(path.join(dir!, 'cache')), requests: benchPlan(n, 'mem'), concurrency: 64 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  journal.close();
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
  process.stdout.write(`${JSON.stringify({ seconds, answered: s.answered, failed: s.failed, peak, baseline })}\n`);
}

void main();
