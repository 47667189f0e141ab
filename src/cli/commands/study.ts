import type { Command } from 'commander';
import * as nodePath from 'node:path';
import { version } from '../../../package.json';
import { redactSecret } from '../../core/llm/endpointConfig';
import { LlmError } from '../../core/llm/llmError';
import { PipelineError } from '../../core/pipelines/shared/pipelineError';
import type { StudyEstimate } from '../../core/pipelines/study/estimateStudy';
import { estimateSpec, generatePersonas, simulateStudy, type StudyOptions } from '../../core/pipelines/study/runStudy';
import { CliError, ExitCode } from '../cliError';
import type { CliContext } from '../cliContext';
import { generateSendsRequests, noEndpoint, studyEndpointNames } from '../../core/pipelines/study/studyEndpoints';
import { settingsPrices, studyEndpoints, type StudyEndpointOptions } from '../endpointClient';
import { howToSetStudyPrice as howToSetPrice, parsePrices, unknownCostError, withPriceOption } from '../parsePrices';
import { progressReporter } from '../progressReporter';

interface StudyFlags extends StudyEndpointOptions {
  model?: string;
  maxConcurrency: string;
  batch?: boolean;
  exportBatch?: boolean;
  import: string[];
  poll: string;
  seed?: string;
  count?: string;
  locator: boolean;
  confirmAbove: string;
  yes?: boolean;
  json?: boolean;
  price: string[];
}

function integer(value: string | undefined, flag: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CliError(`${flag} expects an integer ≥ ${min}, got ${value}`, ExitCode.badInput);
  return n;
}

function withStudyFlags(cmd: Command): Command {
  return withPriceOption(cmd)
    .option('--endpoint <url>', 'base URL of an OpenAI-compatible server, with or without /v1 (default: OPENAI_BASE_URL)')
    .option('--endpoint-name <name>', 'a named endpoint from personaStudio.endpoints (default: the spec\'s `endpoint:`)')
    .option('--settings <file>', 'a VS Code settings.json whose personaStudio.endpoints resolves endpoint names and whose personaStudio.modelPrices price models (default: .vscode/settings.json)')
    .option('--locator-endpoint <url>', 'base URL for the locator questions instead of the persona spec\'s demographics.locator.endpoint')
    .option('--api-key-env <var>', 'environment variable holding the API key (default: the named endpoint\'s apiKeyEnv, else OPENAI_API_KEY)')
    .option('--model <id>', 'model id instead of the spec\'s')
    .option('--max-concurrency <n>', 'requests in flight at most', '16')
    .option('--batch', 'send each round as an OpenAI Batch API job (half price, slower) instead of live calls')
    .option('--export-batch', 'write each round of requests as batch input files for vllm run-batch (or any OpenAI-format runner) and stop')
    .option('--import <results...>', 'batch runner results to merge before continuing (after --export-batch)', [] as string[])
    .option('--poll <ms>', 'batch status polling interval', '30000')
    .option('--seed <n>', 'seed instead of the spec\'s (orders, options, request seeds, matching)')
    .option('--count <n>', 'backstories wanted instead of the spec\'s backstories.count (small runs); meta/ladder: personas made; import (simulate): only the first n personas of the set')
    .option('--no-locator', 'sample every demographic variable (skip the locator model)')
    .option('--confirm-above <usd>', 'stop unless --yes when the estimate may cost more than this', '5')
    .option('--yes', 'run even above the confirmation threshold, or when the cost is unknown (no price for a model)')
    .option('--json', 'print the result as JSON');
}

export function describeEstimate(e: StudyEstimate): string {
  const usd = (x: number): string => `$${x.toFixed(x < 1 ? 4 : 2)}`;
  // a stage with an unpriced model has no cost figure: never print $0 for what was not priced
  const cost = (c: { min: number; max: number }, unpriced: readonly string[]): string => (unpriced.length > 0 ? `cost unknown (no price for ${unpriced.join(', ')})` : `${usd(c.min)}–${usd(c.max)}`);
  const calls = (lo: number, hi: number): string => (hi > lo ? `${lo}–${hi} calls` : `${lo} calls`);
  const lines = Object.entries(e.stages).map(([name, s]) => `  ${name}: ${calls(s.calls, s.callsMax)}, input ${s.inputTokens.min}–${s.inputTokens.max} tokens, output ${s.outputTokens.min}–${s.outputTokens.max}, ${cost(s.costUsd, s.unpricedModels)}\n    counts ${s.counts}`);
  const unpriced = [...new Set(Object.values(e.stages).flatMap((s) => s.unpricedModels))];
  return `${lines.join('\n')}${lines.length ? '\n' : ''}  total: ${calls(e.total.calls, e.total.callsMax)}, ${cost(e.total.costUsd, unpriced)}${e.total.note ? ` (${e.total.note})` : ''}\n`;
}

/** Study options for `specPath`: its endpoints resolved (the spec's names honoured), the flags as plain data. */
function studyOptions(flags: StudyFlags, ctx: CliContext, specPath: string, personas: string | undefined, secrets: Array<string | undefined>, kind: 'generate' | 'simulate'): StudyOptions {
  const threshold = Number(flags.confirmAbove);
  if (!(threshold >= 0)) throw new CliError(`--confirm-above expects an amount in USD ≥ 0, got ${flags.confirmAbove}`, ExitCode.badInput);
  // --price over the settings file's personaStudio.modelPrices over the engine's list prices
  const prices = { ...settingsPrices(flags.settings, ctx.cwd), ...parsePrices(flags.price) };
  const seed = integer(flags.seed, '--seed');
  const count = integer(flags.count, '--count', 1);
  const concurrency = integer(flags.maxConcurrency, '--max-concurrency', 1) ?? 16;
  const pollIntervalMs = integer(flags.poll, '--poll', 1) ?? 30_000;
  // generate of meta, import and bio/qa/portray personas sends nothing: no endpoint, no key, nothing contacted
  const offline = kind === 'generate' && !generateSendsRequests(specPath, personas === undefined ? {} : { personas });
  const endpoints = offline ? undefined : studyEndpoints(flags, studyEndpointNames(specPath, { ...(personas === undefined ? {} : { personas }), ...(flags.locator === false ? { noLocator: true } : {}) }), ctx.cwd);
  const common = {
    ...(flags.model === undefined ? {} : { model: flags.model }),
    ...(seed === undefined ? {} : { seed }),
    ...(count === undefined ? {} : { count }),
    ...(flags.locator === false ? { noLocator: true } : {}),
    ...(personas === undefined ? {} : { personas }),
    signal: ctx.signal,
    onProgress: progressReporter((s) => ctx.err(s)),
    onMessage: (line: string) => ctx.err(`${line}\n`),
    versions: { personaStudio: version, node: process.version },
  };
  if (!endpoints) return { ...noEndpoint('pass --endpoint URL (e.g. http://localhost:8000/v1) or --endpoint-name NAME, or set OPENAI_BASE_URL'), ...common };
  const { run, locator, notes } = endpoints;
  secrets.push(run.apiKey, locator?.apiKey);
  const access = {
    client: run.client,
    mode: flags.exportBatch || flags.import.length > 0 ? ('export' as const) : flags.batch ? ('batch' as const) : ('live' as const),
    importFiles: flags.import.map((f) => nodePath.resolve(ctx.cwd, f)),
    cacheScope: run.baseUrl,
    concurrency,
    pollIntervalMs,
  };
  return {
    access,
    endpoint: { baseUrl: run.baseUrl },
    ...(locator ? { locator: { access: { ...access, client: locator.client, cacheScope: locator.baseUrl }, baseUrl: locator.baseUrl } } : {}),
    ...common,
    prices,
    howToSetPrice,
    confirm: (e) => {
      for (const note of notes) ctx.err(`persona-studio: ${note}\n`);
      ctx.err(`estimate:\n${describeEstimate(e)}`);
      const unpriced = [...new Set(Object.values(e.stages).flatMap((s) => s.unpricedModels))];
      // an unpriced model's cost is unknown, not $0: it never passes the threshold silently
      if (!flags.yes && unpriced.length > 0) {
        throw unknownCostError(unpriced, howToSetPrice);
      }
      // gated on the cost with nothing re-asked (what a compliant model costs); the worst case with every bounded
      // re-ask taken is about max_reasks times more and is printed above and named here
      const first = e.total.costUsdFirstTry.max;
      if (!flags.yes && Number.isFinite(threshold) && first > threshold) {
        const worst = e.total.costUsd.max > first + 0.005 ? `, up to $${e.total.costUsd.max.toFixed(2)} if every unparseable answer is re-asked` : '';
        throw new CliError(`estimated up to $${first.toFixed(2)}${worst} (threshold $${flags.confirmAbove}); pass --yes to run`, ExitCode.problems);
      }
      return true;
    },
  };
}

async function guarded<T>(secrets: ReadonlyArray<string | undefined>, ctx: CliContext, fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (err) {
    if (PipelineError.is(err, 'awaiting-import')) {
      ctx.err(`persona-studio: ${err.message}\n`);
      return undefined;
    }
    if (PipelineError.is(err, 'cancelled') || ctx.signal.aborted) {
      ctx.err('persona-studio: interrupted; everything answered is in the journal, run the same command again to resume\n');
      ctx.setExitCode(ExitCode.interrupted);
      return undefined;
    }
    if (PipelineError.is(err)) throw new CliError(redactSecret(err.message, secrets), err.reason === 'declined' ? ExitCode.problems : ExitCode.badInput);
    if (LlmError.is(err)) throw new CliError(redactSecret(`${err.reason}: ${err.message}`, secrets), ExitCode.problems);
    throw err;
  }
}

const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? 'n/a' : x.toFixed(3));

/** Mean WD and Frobenius of the run next to the human split-half bounds, when the run was analysed. */
function metricsLine(r: Awaited<ReturnType<typeof simulateStudy>>): string {
  const m = r.analysis?.methods[r.record.method];
  if (!r.analysis || !m) return '';
  const b = r.analysis.human.bounds;
  return `  mean WD ${fmt(m.wd_mean)} (human bound ${fmt(b.wd_mean)}), Frobenius ${fmt(m.frobenius)} (human bound ${fmt(b.frobenius)}); persona-studio analyze ${r.runDir} for every metric\n`;
}

/** `persona-studio generate <persona.yaml | survey.yaml>`: the personas simulate will ask (backstories and their demographic survey, or a direct method's personas file). */
export function registerGenerate(program: Command, ctx: CliContext): void {
  withStudyFlags(program.command('generate'))
    .description('Generate the personas a survey will be asked of, to review before simulating: backstories (Anthology) and their demographic survey, or the personas file of meta, ladder, import, bio/qa/portray specs; re-running resumes.')
    .argument('<spec>', 'the persona spec, or a survey spec (its personas:, or --personas) for personas written from its respondents')
    .option('--personas <persona.yaml>', 'with a survey spec: the persona spec instead of its `personas:`')
    .action(async (spec: string, flags: StudyFlags & { personas?: string }) => {
      const secrets: Array<string | undefined> = [];
      const path = nodePath.resolve(ctx.cwd, spec);
      const personas = flags.personas === undefined ? undefined : nodePath.resolve(ctx.cwd, flags.personas);
      const r = await guarded(secrets, ctx, () => generatePersonas(path, studyOptions(flags, ctx, path, personas, secrets, 'generate')));
      if (!r) return;
      const mp = r.methodPersonas;
      if (mp) {
        ctx.out(flags.json ? `${JSON.stringify({ personas: mp.path, written: mp.personas, failed: mp.failed, existing: mp.existing, requests: r.requests })}\n` : `${mp.personas} personas in ${mp.path}${mp.failed ? ` (${mp.failed} failed: reasons in the file)` : ''}${mp.existing ? ' (already there; delete the file to make them again)' : ''}\n`);
        if (mp.failed > 0) ctx.setExitCode(ExitCode.problems);
        return;
      }
      const out = { backstories: r.backstoriesPath, demographics: r.demographicsPath ?? null, written: r.backstories.length, surveyed: r.demographics.length, backstorySummary: r.backstorySummary, demographicSummary: r.demographicSummary ?? null, requests: r.requests };
      ctx.out(flags.json ? `${JSON.stringify(out)}\n` : `${r.backstories.length} backstories in ${r.backstoriesPath}${r.demographicsPath ? `; demographics of ${r.demographics.length} in ${r.demographicsPath}` : ''}\n`);
      if (r.backstories.length < r.backstorySummary.wanted) ctx.setExitCode(ExitCode.problems);
    });
}

/** `persona-studio simulate <survey.yaml>`: the study end to end into a run folder. */
export function registerSimulate(program: Command, ctx: CliContext): void {
  withStudyFlags(program.command('simulate'))
    .description('Run a survey spec end to end: backstories, demographic survey, matching, simulation → answers.csv in a run folder; re-running resumes.')
    .argument('<survey.yaml>', 'the survey spec')
    .option('--run-dir <dir>', 'run folder (default: the newest unfinished run of this spec, else a new one under runs/)')
    .option('--personas <persona.yaml>', 'persona spec instead of the survey\'s `personas:` (e.g. each rung of the persona ladder in turn)')
    .action(async (spec: string, flags: StudyFlags & { runDir?: string; personas?: string }) => {
      const secrets: Array<string | undefined> = [];
      const path = nodePath.resolve(ctx.cwd, spec);
      const personas = flags.personas === undefined ? undefined : nodePath.resolve(ctx.cwd, flags.personas);
      const r = await guarded(secrets, ctx, () => simulateStudy(path, { ...studyOptions(flags, ctx, path, personas, secrets, 'simulate'), ...(flags.runDir === undefined ? {} : { runDir: nodePath.resolve(ctx.cwd, flags.runDir) }) }));
      if (!r) return;
      const totals = Object.values(r.counts).reduce((a, c) => ({ answered: a.answered + c.answered, refused: a.refused + c.refused, nonCompliant: a.nonCompliant + c.nonCompliant, failed: a.failed + c.failed }), { answered: 0, refused: 0, nonCompliant: 0, failed: 0 });
      ctx.out(
        flags.json
          ? `${JSON.stringify({ runDir: r.runDir, answers: r.answersPath, method: r.record.method, personas: r.methodPersonas?.personas ?? (r.matching.humans || r.backstories.length), matching: r.matching, totals, counts: r.counts })}\n`
          : `${r.runDir}\n  ${r.record.method}: ${Object.keys(r.counts).length} questions; ${totals.answered} answered, ${totals.refused} refused, ${totals.nonCompliant} non-compliant, ${totals.failed} failed\n  answers: ${r.answersPath}\n${metricsLine(r)}`,
      );
      if (totals.failed > 0) ctx.setExitCode(ExitCode.problems);
    });
}

/** `persona-studio estimate <spec>`: what generate or simulate would still send. */
export function registerEstimate(program: Command, ctx: CliContext): void {
  withPriceOption(program.command('estimate'))
    .description('Count the calls, tokens and cost that generate (persona spec) or simulate (survey spec) would still send: per stage, from the least (nothing re-asked) to the most (every bounded re-ask), saying what it counts.')
    .argument('<spec>', 'a persona or survey spec')
    .option('--model <id>', 'model id instead of the spec\'s')
    .option('--count <n>', 'backstories (or ladder personas) wanted instead of the spec\'s')
    .option('--personas <persona.yaml>', 'persona spec instead of the survey\'s `personas:` (each rung of the persona ladder)')
    .option('--no-locator', 'sample every demographic variable (skip the locator model)')
    .option('--batch', 'price at the Batch API discount')
    .option('--settings <file>', 'a VS Code settings file whose personaStudio.modelPrices price models (default .vscode/settings.json when present)')
    .option('--json', 'print the estimate as JSON')
    .action(async (spec: string, flags: { model?: string; count?: string; personas?: string; locator: boolean; batch?: boolean; json?: boolean; price: string[]; settings?: string }) => {
      const count = integer(flags.count, '--count', 1);
      const prices = { ...settingsPrices(flags.settings, ctx.cwd), ...parsePrices(flags.price) };
      const o = { ...(flags.model === undefined ? {} : { model: flags.model }), ...(count === undefined ? {} : { count }), ...(flags.personas === undefined ? {} : { personas: nodePath.resolve(ctx.cwd, flags.personas) }), ...(flags.locator === false ? { noLocator: true } : {}) };
      const path = nodePath.resolve(ctx.cwd, spec);
      // a locator naming another endpoint than the spec's keeps its own model under --model, as when the study runs
      const e = await guarded([], ctx, async () => estimateSpec(path, { ...o, batch: flags.batch ?? false, prices, howToSetPrice, ...(studyEndpointNames(path, o).locator !== undefined ? { locatorOwnEndpoint: true } : {}) }));
      if (!e) return;
      ctx.out(flags.json ? `${JSON.stringify(e)}\n` : describeEstimate(e));
    });
}
