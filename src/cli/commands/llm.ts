import type { Command } from 'commander';
import { version } from '../../../package.json';
import { defaultApiKeyEnv, redactSecret } from '../../core/llm/endpointConfig';
import { needsConfirmation, type RunEstimate } from '../../core/llm/estimateRunCost';
import { formatUsd } from '../../core/llm/formatUsd';
import { LlmError } from '../../core/llm/llmError';
import { estimatePlan, importPlanResults, runPlan, type PlanConfirmation } from '../../core/pipelines/plan/runPlan';
import { PipelineError } from '../../core/pipelines/shared/pipelineError';
import { CliError, ExitCode } from '../cliError';
import { howToSetPrice, parsePrices, unknownCostError, withPriceOption } from '../parsePrices';
import { endpointClient, type EndpointOptions } from '../endpointClient';
import { parseIntegerOption, parseTimeoutOption } from '../parseOptions';
import type { CliContext } from '../cliContext';

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

/** Core errors as the CLI reports them: bad input exit 2, endpoint failures exit 1, secrets redacted. */
async function guarded<T>(secrets: ReadonlyArray<string | undefined>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (PipelineError.is(err)) throw new CliError(redactSecret(err.message, secrets), ExitCode.badInput);
    if (LlmError.is(err)) throw new CliError(redactSecret(`${err.reason}: ${err.message}`, secrets), ExitCode.problems);
    throw err;
  }
}

/** The `--confirm-above` / `--yes` decision, printing the estimate (and what is answered already) on stderr. */
function confirmer(ctx: CliContext, opts: { confirmAbove: string; yes?: boolean; json?: boolean }): (c: PlanConfirmation) => boolean {
  const confirmAbove = Number(opts.confirmAbove);
  if (opts.confirmAbove.trim() === '' || !Number.isFinite(confirmAbove) || confirmAbove < 0) throw new CliError(`--confirm-above expects a cost in USD (0 or more), got ${JSON.stringify(opts.confirmAbove)}`, ExitCode.badInput);
  return ({ estimate, alreadyDone, resumed }) => {
    // an unpriced model's cost is unknown, not $0: it never passes the threshold silently (as generate/simulate)
    if (!opts.yes && estimate.unpricedModels.length > 0) {
      throw unknownCostError(estimate.unpricedModels, howToSetPrice);
    }
    if (!opts.yes && needsConfirmation(estimate, confirmAbove)) {
      throw new CliError(`estimated up to ${formatUsd(estimate.costUsd.max)} (threshold ${formatUsd(confirmAbove)}); pass --yes to run`, ExitCode.problems);
    }
    if (!opts.json) ctx.err(`${resumed ? `resuming: ${alreadyDone} answered already; ` : ''}${describeEstimate(estimate)}\n`);
    return true;
  };
}

function withEndpoint(cmd: Command): Command {
  return cmd
    .requiredOption('--endpoint <url>', 'base URL of an OpenAI-compatible server, with or without /v1')
    .option('--api-key-env <var>', 'environment variable holding the API key', defaultApiKeyEnv);
}

/** `persona-studio llm estimate|run|batch|import`: drive a plan of requests (batch-format JSONL) from the command line. */
export function registerLlm(program: Command, ctx: CliContext): void {
  const llm = program.command('llm').description('Send a plan of LLM requests (batch-format JSONL) with resume, cache and journal.');

  withPriceOption(llm.command('estimate'))
    .description('Count the calls and estimate tokens and cost of a plan before running it.')
    .requiredOption('--input <file>', 'JSONL of {custom_id, method, url, body} lines')
    .option('--batch', 'price at the Batch API discount')
    .option('--json', 'print the estimate as JSON')
    .action(async (opts: { input: string; batch?: boolean; price: string[]; json?: boolean }) => {
      const e = await guarded([], () => estimatePlan(opts.input, { prices: parsePrices(opts.price), batch: opts.batch ?? false, howToSetPrice }));
      ctx.out(opts.json ? `${JSON.stringify(e)}\n` : `${describeEstimate(e)}\n`);
    });

  withPriceOption(withEndpoint(llm.command('run')))
    .description('Run a plan against an endpoint; re-running the same command resumes and sends only what has no answer.')
    .requiredOption('--input <file>', 'JSONL of {custom_id, method, url, body} lines')
    .requiredOption('--run-dir <dir>', 'folder for the manifest, journal and cache')
    .option('--concurrency <n>', 'requests in flight at most', '16')
    .option('--timeout <ms>', 'time limit per attempt', '120000')
    .option('--max-attempts <n>', 'attempts per request for infrastructure failures', '6')
    .option('--confirm-above <usd>', 'stop unless --yes when the estimate may exceed this', '5')
    .option('--yes', 'run even above the confirmation threshold, or when the cost is unknown (no price for a model)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: EndpointOptions & { input: string; runDir: string; concurrency: string; timeout: string; maxAttempts: string; confirmAbove: string; price: string[]; yes?: boolean; json?: boolean }, cmd: Command) => {
      const concurrency = parseIntegerOption(opts.concurrency, '--concurrency', 1, 100_000);
      const timeoutMs = parseTimeoutOption(opts.timeout);
      const maxAttempts = parseIntegerOption(opts.maxAttempts, '--max-attempts', 1, 1000);
      const confirm = confirmer(ctx, opts);
      const prices = parsePrices(opts.price);
      const { client, apiKey, baseUrl } = endpointClient(opts, cmd);
      const secrets = [apiKey, process.env[opts.apiKeyEnv]];
      const r = await guarded(secrets, () =>
        runPlan({
          planPath: opts.input,
          runDir: opts.runDir,
          client,
          baseUrl,
          mode: 'live',
          concurrency,
          timeoutMs,
          maxAttempts,
          prices,
          howToSetPrice,
          confirm,
          secrets,
          signal: ctx.signal,
          versions: { personaStudio: version, node: process.version },
          // what earlier runs answered counts from the start, not as the plan is walked past it
          onProgress: (p, alreadyDone, total) => opts.json || ctx.err(`  ${alreadyDone + p.answered + p.cached}/${total} answered, ${p.failed} failed, ${p.retried} retried, limit ${p.concurrencyLimit}\n`),
        }),
      );
      if (r.mode !== 'live') return;
      const summary = r.summary;
      ctx.out(opts.json ? `${JSON.stringify(summary)}\n` : `${summary.answered} answered, ${summary.cached} from cache, ${summary.skipped} already done, ${describeFailures(summary.failed, summary.failedByReason)}, ${summary.retried} retries\n`);
      if (summary.wasCancelled) ctx.setExitCode(ExitCode.interrupted);
      else if (summary.failed > 0) ctx.setExitCode(ExitCode.problems);
    });

  withPriceOption(withEndpoint(llm.command('batch')))
    .description('Run a plan through the endpoint\'s Batch API (/v1/files + /v1/batches); re-running resumes the batches in the manifest.')
    .requiredOption('--input <file>', 'JSONL of {custom_id, method, url, body} lines')
    .requiredOption('--run-dir <dir>', 'folder for the manifest, journal and cache')
    .option('--poll <ms>', 'time between status checks', '30000')
    .option('--max-rounds <n>', 'submissions, the first included (later ones resubmit failures)', '3')
    .option('--confirm-above <usd>', 'stop unless --yes when the estimate (at the batch price) may exceed this', '5')
    .option('--yes', 'run even above the confirmation threshold, or when the cost is unknown (no price for a model)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: EndpointOptions & { input: string; runDir: string; poll: string; maxRounds: string; confirmAbove: string; price: string[]; yes?: boolean; json?: boolean }, cmd: Command) => {
      const pollIntervalMs = parseIntegerOption(opts.poll, '--poll', 1, 2 ** 31 - 1);
      const maxRounds = parseIntegerOption(opts.maxRounds, '--max-rounds', 1, 1000);
      const confirm = confirmer(ctx, opts);
      const prices = parsePrices(opts.price);
      const { client, apiKey, baseUrl } = endpointClient(opts, cmd);
      const secrets = [apiKey, process.env[opts.apiKeyEnv]];
      const r = await guarded(secrets, () =>
        runPlan({
          planPath: opts.input,
          runDir: opts.runDir,
          client,
          baseUrl,
          mode: 'batch',
          pollIntervalMs,
          maxRounds,
          prices,
          howToSetPrice,
          confirm,
          secrets,
          signal: ctx.signal,
          versions: { personaStudio: version, node: process.version },
          onBatchStatus: (b) => opts.json || ctx.err(`  batch ${b.batchId}: ${b.status} (${b.requests} requests)\n`),
        }),
      );
      if (r.mode !== 'batch') return;
      const s = r.summary;
      ctx.out(opts.json ? `${JSON.stringify(s)}\n` : `${s.answered} answered, ${s.skipped} already done, ${s.failed} failed, ${s.unanswered} unanswered, ${s.batchesSubmitted} batches in ${s.rounds} rounds\n`);
      if (s.wasCancelled) ctx.setExitCode(ExitCode.interrupted);
      else if (s.failed + s.unanswered > 0) ctx.setExitCode(ExitCode.problems);
    });

  llm
    .command('import')
    .description('Merge a batch runner\'s results (OpenAI output/error file or vllm run-batch output) into a run folder.')
    .requiredOption('--input <file>', 'the plan the results answer (JSONL of {custom_id, method, url, body})')
    .requiredOption('--results <file>', 'the results JSONL')
    .requiredOption('--run-dir <dir>', 'folder for the manifest, journal and cache')
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { input: string; results: string; runDir: string; json?: boolean }) => {
      const counts = await guarded([], () => importPlanResults(opts.input, opts.results, opts.runDir, { personaStudio: version, node: process.version }));
      ctx.out(opts.json ? `${JSON.stringify(counts)}\n` : `${counts.answered} answers merged, ${counts.failed} failures, ${counts.retryable} to resubmit, ${counts.duplicates} duplicates, ${counts.unknown} unknown ids\n`);
      if (counts.failed + counts.retryable > 0) ctx.setExitCode(ExitCode.problems);
    });
}
