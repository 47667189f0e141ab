import type { Command } from 'commander';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { version } from '../../../package.json';
import { importBatchOutput } from '../../core/llm/batch/exportBatchFiles';
import { runBatch } from '../../core/llm/batch/runBatch';
import { defaultApiKeyEnv, publicBaseUrl, redactSecret } from '../../core/llm/endpointConfig';
import { estimateRunCost, needsConfirmation, type RunEstimate } from '../../core/llm/estimateRunCost';
import { formatUsd } from '../../core/llm/formatUsd';
import { LlmError } from '../../core/llm/llmError';
import type { PlannedRequest } from '../../core/llm/plannedRequest';
import { readPlanFile } from '../../core/llm/readPlanFile';
import { runRequests } from '../../core/llm/runRequests';
import { openRunStore, RunStoreError, type RunStore } from '../../core/runStore/openRunStore';
import { CliError, ExitCode } from '../cliError';
import { howToSetPrice, parsePrices } from '../parsePrices';
import { endpointClient, type EndpointOptions } from '../endpointClient';
import { parseIntegerOption, parseTimeoutOption } from '../parseOptions';
import type { CliContext } from '../cliContext';

async function loadPlan(input: string): Promise<PlannedRequest[]> {
  if (!fs.existsSync(input)) throw new CliError(`no such file: ${input}`, ExitCode.badInput);
  const plan: PlannedRequest[] = [];
  const ids = new Set<string>();
  try {
    for await (const p of readPlanFile(input)) {
      if (ids.has(p.id)) throw new CliError(`${input}: custom_id ${p.id} appears twice`, ExitCode.badInput);
      ids.add(p.id);
      plan.push(p);
    }
  } catch (err) {
    if (CliError.is(err)) throw err;
    throw new CliError(err instanceof Error ? err.message : String(err), ExitCode.badInput);
  }
  if (plan.length === 0) throw new CliError(`${input}: no requests`, ExitCode.badInput);
  return plan;
}

function describeEstimate(e: RunEstimate): string {
  // an unpriced model's cost was not estimated: never print $0 for it
  const cost = e.unpricedModels.length > 0 ? `cost unknown (no price for ${e.unpricedModels.join(', ')})` : `cost ${formatUsd(e.costUsd.min)}–${formatUsd(e.costUsd.max)}`;
  return `${e.calls} calls (${e.samples} samples); input ${e.inputTokens.min}–${e.inputTokens.max} tokens, output ${e.outputTokens.min}–${e.outputTokens.max}; ${cost}${e.note ? ` (${e.note})` : ''}`;
}

/** `3 failed (bad-request 2, auth 1)`, or `0 failed`: never an empty `{}`. */
function describeFailures(failed: number, byReason: Readonly<Partial<Record<string, number>>>): string {
  const parts = Object.entries(byReason)
    .filter(([, n]) => (n ?? 0) > 0)
    .sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0))
    .map(([reason, n]) => `${reason} ${n ?? 0}`);
  return `${failed} failed${parts.length > 0 ? ` (${parts.join(', ')})` : ''}`;
}

function withPrice(cmd: Command): Command {
  return cmd.option('--price <model=in/out...>', 'USD per 1M input/output tokens for a model (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[]);
}


async function openStore(dir: string, input: string, baseUrl: string, plan: readonly PlannedRequest[]): Promise<RunStore> {
  const specHash = createHash('sha256').update(fs.readFileSync(input)).digest('hex');
  try {
    return await openRunStore(dir, {
      manifest: {
        specHash,
        endpoint: { name: 'cli', baseUrl: baseUrl === 'offline' ? baseUrl : publicBaseUrl(baseUrl), model: plan[0]!.request.model },
        params: plan[0]!.request.params,
        seeds: {},
        versions: { personaStudio: version, node: process.version },
        totalRequests: plan.length,
      },
    });
  } catch (err) {
    if (RunStoreError.is(err)) throw new CliError(err.message, ExitCode.badInput);
    throw err;
  }
}

function withEndpoint(cmd: Command): Command {
  return cmd
    .requiredOption('--endpoint <url>', 'base URL of an OpenAI-compatible server, with or without /v1')
    .option('--api-key-env <var>', 'environment variable holding the API key', defaultApiKeyEnv);
}

/** `persona-studio llm estimate|run|batch|import`: drive a plan of requests (batch-format JSONL) from the command line. */
export function registerLlm(program: Command, ctx: CliContext): void {
  const llm = program.command('llm').description('Send a plan of LLM requests (batch-format JSONL) with resume, cache and journal.');

  llm
    .command('estimate')
    .description('Count the calls and estimate tokens and cost of a plan before running it.')
    .requiredOption('--input <file>', 'JSONL of {custom_id, method, url, body} lines')
    .option('--batch', 'price at the Batch API discount')
    .option('--price <model=in/out...>', 'USD per 1M input/output tokens for a model (repeatable)', (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--json', 'print the estimate as JSON')
    .action(async (opts: { input: string; batch?: boolean; price: string[]; json?: boolean }) => {
      const plan = await loadPlan(opts.input);
      const e = await estimateRunCost(plan, { prices: parsePrices(opts.price), batch: opts.batch ?? false, howToSetPrice });
      ctx.out(opts.json ? `${JSON.stringify(e)}\n` : `${describeEstimate(e)}\n`);
    });

  withPrice(withEndpoint(llm.command('run')))
    .description('Run a plan against an endpoint; re-running the same command resumes and sends only what has no answer.')
    .requiredOption('--input <file>', 'JSONL of {custom_id, method, url, body} lines')
    .requiredOption('--run-dir <dir>', 'folder for the manifest, journal and cache')
    .option('--concurrency <n>', 'requests in flight at most', '16')
    .option('--timeout <ms>', 'time limit per attempt', '120000')
    .option('--max-attempts <n>', 'attempts per request for infrastructure failures', '6')
    .option('--confirm-above <usd>', 'stop unless --yes when the estimate may exceed this', '5')
    .option('--yes', 'run even above the confirmation threshold')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: EndpointOptions & { input: string; runDir: string; concurrency: string; timeout: string; maxAttempts: string; confirmAbove: string; price: string[]; yes?: boolean; json?: boolean }, cmd: Command) => {
      const concurrency = parseIntegerOption(opts.concurrency, '--concurrency', 1, 100_000);
      const timeoutMs = parseTimeoutOption(opts.timeout);
      const maxAttempts = parseIntegerOption(opts.maxAttempts, '--max-attempts', 1, 1000);
      const confirmAbove = Number(opts.confirmAbove);
      if (opts.confirmAbove.trim() === '' || !Number.isFinite(confirmAbove) || confirmAbove < 0) throw new CliError(`--confirm-above expects a cost in USD (0 or more), got ${JSON.stringify(opts.confirmAbove)}`, ExitCode.badInput);
      const prices = parsePrices(opts.price);
      const plan = await loadPlan(opts.input);
      const { client: c, apiKey, baseUrl } = endpointClient(opts, cmd);
      const secrets = [apiKey, process.env[opts.apiKeyEnv]];
      const store = await openStore(opts.runDir, opts.input, baseUrl, plan);
      try {
        const estimate = await estimateRunCost(plan, { done: store.resume.answered, prices, howToSetPrice });
        if (!opts.yes && needsConfirmation(estimate, confirmAbove)) {
          throw new CliError(`estimated up to ${formatUsd(estimate.costUsd.max)} (threshold ${formatUsd(confirmAbove)}); pass --yes to run`, ExitCode.problems);
        }
        const alreadyDone = plan.reduce((n, p) => n + (store.resume.answered.has(p.id) ? 1 : 0), 0);
        if (!opts.json) ctx.err(`${store.resumed ? `resuming: ${alreadyDone} answered already; ` : ''}${describeEstimate(estimate)}\n`);
        const summary = await runRequests({
          client: c,
          journal: store.journal,
          cache: store.cache,
          cacheScope: publicBaseUrl(baseUrl),
          requests: plan,
          done: store.resume.answered,
          concurrency,
          timeoutMs,
          maxAttempts,
          secrets,
          signal: ctx.signal,
          progressEveryMs: 1000,
          onProgress: (p) => {
            if (opts.json) return;
            // what earlier runs answered counts from the start, not as the plan is walked past it
            ctx.err(`  ${alreadyDone + p.answered + p.cached}/${plan.length} answered, ${p.failed} failed, ${p.retried} retried, limit ${p.concurrencyLimit}\n`);
          },
        });
        const { inFlight: _inFlight, ...rest } = summary;
        ctx.out(opts.json ? `${JSON.stringify(rest)}\n` : `${summary.answered} answered, ${summary.cached} from cache, ${summary.skipped} already done, ${describeFailures(summary.failed, summary.failedByReason)}, ${summary.retried} retries\n`);
        if (summary.wasCancelled) ctx.setExitCode(ExitCode.interrupted);
        else if (summary.failed > 0) ctx.setExitCode(ExitCode.problems);
      } catch (err) {
        if (LlmError.is(err)) throw new CliError(redactSecret(`${err.reason}: ${err.message}`, secrets), ExitCode.problems);
        if (RunStoreError.is(err)) throw new CliError(err.message, ExitCode.badInput);
        throw err;
      } finally {
        store.close();
      }
    });

  withEndpoint(llm.command('batch'))
    .description('Run a plan through the endpoint\'s Batch API (/v1/files + /v1/batches); re-running resumes the batches in the manifest.')
    .requiredOption('--input <file>', 'JSONL of {custom_id, method, url, body} lines')
    .requiredOption('--run-dir <dir>', 'folder for the manifest, journal and cache')
    .option('--poll <ms>', 'time between status checks', '30000')
    .option('--max-rounds <n>', 'submissions, the first included (later ones resubmit failures)', '3')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: EndpointOptions & { input: string; runDir: string; poll: string; maxRounds: string; json?: boolean }, cmd: Command) => {
      const pollIntervalMs = parseIntegerOption(opts.poll, '--poll', 1, 2 ** 31 - 1);
      const maxRounds = parseIntegerOption(opts.maxRounds, '--max-rounds', 1, 1000);
      const plan = await loadPlan(opts.input);
      const { client: c, apiKey, baseUrl } = endpointClient(opts, cmd);
      const secrets = [apiKey, process.env[opts.apiKeyEnv]];
      const store = await openStore(opts.runDir, opts.input, baseUrl, plan);
      try {
        const s = await runBatch({
          backend: c,
          requests: plan,
          manifestPath: store.manifestPath,
          journal: store.journal,
          cache: store.cache,
          cacheScope: publicBaseUrl(baseUrl),
          done: store.resume.answered,
          pollIntervalMs,
          maxRounds,
          secrets,
          signal: ctx.signal,
          onStatus: (b) => opts.json || ctx.err(`  batch ${b.batchId}: ${b.status} (${b.requests} requests)\n`),
        });
        ctx.out(opts.json ? `${JSON.stringify(s)}\n` : `${s.answered} answered, ${s.skipped} already done, ${s.failed} failed, ${s.unanswered} unanswered, ${s.batchesSubmitted} batches in ${s.rounds} rounds\n`);
        if (s.wasCancelled) ctx.setExitCode(ExitCode.interrupted);
        else if (s.failed + s.unanswered > 0) ctx.setExitCode(ExitCode.problems);
      } catch (err) {
        if (LlmError.is(err)) throw new CliError(redactSecret(`${err.reason}: ${err.message}`, secrets), ExitCode.problems);
        if (RunStoreError.is(err)) throw new CliError(err.message, ExitCode.badInput);
        throw err;
      } finally {
        store.close();
      }
    });

  llm
    .command('import')
    .description('Merge a batch runner\'s results (OpenAI output/error file or vllm run-batch output) into a run folder.')
    .requiredOption('--input <file>', 'the plan the results answer (JSONL of {custom_id, method, url, body})')
    .requiredOption('--results <file>', 'the results JSONL')
    .requiredOption('--run-dir <dir>', 'folder for the manifest, journal and cache')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { input: string; results: string; runDir: string; json?: boolean }) => {
      const plan = await loadPlan(opts.input);
      if (!fs.existsSync(opts.results)) throw new CliError(`no such file: ${opts.results}`, ExitCode.badInput);
      const store = await openStore(opts.runDir, opts.input, 'offline', plan);
      try {
        const counts = await importBatchOutput(opts.results, plan, { journal: store.journal, cache: store.cache, done: store.resume.answered });
        ctx.out(opts.json ? `${JSON.stringify(counts)}\n` : `${counts.answered} answers merged, ${counts.failed} failures, ${counts.retryable} to resubmit, ${counts.duplicates} duplicates, ${counts.unknown} unknown ids\n`);
        if (counts.failed + counts.retryable > 0) ctx.setExitCode(ExitCode.problems);
      } finally {
        store.close();
      }
    });
}
