import type { Command } from 'commander';
import path from 'node:path';
import { DataError } from '../../core/data/index';
import type { AnalysisReport, MethodMetrics } from '../../core/pipelines/analysis/analysisReport';
import { analyzeStudy, reportRun } from '../../core/pipelines/analysis/analyzeStudy';
import { PipelineError } from '../../core/pipelines/shared/pipelineError';
import { outcomeStudiesWithoutHumans } from '../../core/pipelines/outcomes/runOutcomeStudies';
import { formatOutcomeStudy } from '../../core/pipelines/outcomes/outcomeStudyText';
import { intervalLabel, intervalNoteLine } from '../../core/pipelines/reports/intervalText';
import { renderReportMarkdown } from '../../core/pipelines/reports/renderReportMarkdown';
import { SpecLoadError } from '../../core/spec/loadSpecModel';
import { SpecModelError } from '../../core/specModel/specModelError';
import { StatsError } from '../../core/stats/StatsError';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';

interface AnalyzeOptions {
  readonly json?: boolean;
  readonly splits?: string;
  readonly bootstrap?: string;
  readonly seed?: string;
  readonly threads?: string;
  readonly ensemble: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function nonNegativeInt(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) throw new CliError(`${flag}: "${text}" is not an integer ≥ ${min}`, ExitCode.badInput);
  return v;
}

/** `--ensemble NAME=a,b[,c]` or `NAME=a*2,b*1` (member names with optional weights). */
function parseEnsemble(text: string): { name: string; members: string[]; weights?: number[] } {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq).trim() : '';
  const parts = eq > 0 ? text.slice(eq + 1).split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
  if (!name || parts.length < 2) throw new CliError(`--ensemble "${text}": expected NAME=method1,method2[,...] (optionally method*weight)`, ExitCode.badInput);
  const members: string[] = [];
  const weights: number[] = [];
  for (const p of parts) {
    const star = p.lastIndexOf('*');
    members.push(star > 0 ? p.slice(0, star) : p);
    const w = star > 0 ? Number(p.slice(star + 1)) : 1;
    if (!(w >= 0) || !Number.isFinite(w)) throw new CliError(`--ensemble "${text}": weight of ${p} is not a non-negative number`, ExitCode.badInput);
    weights.push(w);
  }
  return { name, members, ...(parts.some((p) => p.includes('*')) ? { weights } : {}) };
}

/** Typed core errors → one-line CLI errors (exit 2); an abort → exit 130. */
async function asCli<T>(ctx: CliContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (ctx.signal.aborted) throw new CliError('interrupted', ExitCode.interrupted);
    if (SpecLoadError.is(err) || DataError.is(err) || StatsError.is(err) || SpecModelError.is(err) || PipelineError.is(err) || err instanceof RangeError) throw new CliError(err.message, ExitCode.badInput);
    throw err;
  }
}

/**
 * `persona-studio analyze <survey.yaml|run-dir> [--json] [--splits N] [--bootstrap N] [--seed N] [--threads N] [--ensemble NAME=a,b]`:
 * offline; measures the uniform and demographic-cell baselines (and every run with answers) against the human data,
 * with the human split-half bounds; writes a baselines run folder (or the given run's analysis) and prints every metric.
 */
export function registerAnalyze(program: Command, ctx: CliContext): void {
  program
    .command('analyze')
    .description('Measure the baselines and every run with answers against the human data (offline): WD, representativeness, Frobenius, alpha, drift, refusals, JSD, TV, with the human split-half bounds (definitions: docs/metrics.md); writes analysis.json, metrics.csv and a methods report')
    .argument('<target>', 'a survey spec (*.survey.yaml) or a run folder')
    .option('--json', 'print the AnalysisReport (analysis.json) on stdout')
    .option('--splits <n>', 'human split-half count (default: the spec\'s metrics.bounds.splits)')
    .option('--bootstrap <n>', 'bootstrap resamples for intervals, 0 = none (default: the spec\'s metrics.bootstrap)')
    .option('--seed <n>', 'seed of the demographic-cell draw and the bootstrap (default: the spec\'s metrics.seed)')
    .option('--threads <n>', 'threads computing the bootstrap resamples, 1 = this thread only; results are identical for any count (default: automatic, the available cores when the bootstrap is large)')
    .option('--ensemble <name=methods>', 'blend methods into an ensemble: NAME=method1,method2 or NAME=a*2,b*1 (repeatable)', collect, [])
    .action(async (target: string, opts: AnalyzeOptions) => {
      const splits = nonNegativeInt('--splits', opts.splits, 1);
      const bootstrap = nonNegativeInt('--bootstrap', opts.bootstrap);
      const seed = nonNegativeInt('--seed', opts.seed);
      const threads = nonNegativeInt('--threads', opts.threads, 1);
      const ensembles = opts.ensemble.map(parseEnsemble);
      const started = performance.now();
      // a survey without human data can still hold outcome studies (e.g. the election survey of the persona ladder)
      const outcomesOnly = await asCli(ctx, () => outcomeStudiesWithoutHumans(path.resolve(ctx.cwd, target), ctx.signal));
      if (outcomesOnly) {
        ctx.out(opts.json ? `${JSON.stringify({ outcomes: outcomesOnly }, null, 2)}\n` : outcomesOnly.map(formatOutcomeStudy).join('\n'));
        return;
      }
      const result = await asCli(ctx, () => analyzeStudy(path.resolve(ctx.cwd, target), {
        ...(splits !== undefined ? { splits } : {}),
        ...(bootstrap !== undefined ? { bootstrap } : {}),
        ...(seed !== undefined ? { seed } : {}),
        ...(threads !== undefined ? { threads } : {}),
        ...(ensembles.length > 0 ? { ensembles } : {}),
        signal: ctx.signal,
        onProgress: (message) => ctx.err(`analyze: ${message}\n`),
      }));
      if (opts.json) ctx.out(`${JSON.stringify(result.analysis, null, 2)}\n`);
      else {
        ctx.out(formatAnalysis(result.analysis));
        for (const o of result.analysis.outcomes ?? []) ctx.out(`\n${formatOutcomeStudy(o)}`);
      }
      ctx.err(`analyze: wrote ${path.relative(ctx.cwd, result.runDir) || '.'}/ (${result.files.map((f) => path.basename(f)).join(', ')}) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    });
}

/** `persona-studio report <run-dir> [--json]`: the methods/disclosure report of a run folder. */
export function registerReport(program: Command, ctx: CliContext): void {
  program
    .command('report')
    .description('Write the methods/disclosure report of a run folder (Markdown and JSON, next to its run.json): models, parameters, seeds, verbatim prompts, elicitation, refusal handling, calls/tokens/cost, journal SHA-256; labelled synthetic data')
    .argument('<run-dir>', 'a run folder (with run.json)')
    .option('--json', 'print the JSON report instead of the Markdown one')
    .action(async (runDir: string, opts: { json?: boolean }) => {
      const { report, files } = await asCli(ctx, () => reportRun(path.resolve(ctx.cwd, runDir)));
      if (opts.json) ctx.out(`${JSON.stringify(report, null, 2)}\n`);
      else ctx.out(renderReportMarkdown(report));
      ctx.err(`report: wrote ${files.map((f) => path.relative(ctx.cwd, f)).join(', ')}\n`);
    });
}

const f = (v: number | null | undefined, digits = 4): string => (v === null || v === undefined ? '—' : v.toFixed(digits));

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [pad(header, widths), ...rows.map((r) => pad(r, widths))].join('\n');
}

function meanOf(values: Readonly<Record<string, number | null>>): number | null {
  const v = Object.values(values).filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

/** The readable summary: every metric of every method next to the human bounds. */
export function formatAnalysis(r: AnalysisReport): string {
  const h = r.human;
  const b = h.bounds;
  const methods = Object.entries(r.methods);
  const out: string[] = [];
  out.push(`${r.survey.name}: ${h.n} human respondents${h.weighted ? ' (survey-weighted)' : ''}, ${r.survey.questions.length} questions`);
  out.push(`human split-half bound: ${b.splits} ${b.rule} splits${b.seed !== undefined ? ` (seed ${b.seed})` : ''}`, '');
  const interval = (m: MethodMetrics): string => (m.intervals?.wd_mean ? `[${f(m.intervals.wd_mean[0])}, ${f(m.intervals.wd_mean[1])}]` : '—');
  const withIntervals = methods.map(([, m]) => m.intervals).find((iv) => iv !== undefined);
  out.push(table(['method', 'n', 'WD mean', `WD ${withIntervals ? Number((withIntervals.level * 100).toFixed(2)) : 95}% CI`, 'repr.', 'Frobenius', 'JSD mean', '1−TV mean', 'refusal', 'agreement'], [
    ['human bound (split-half)', String(Math.floor(h.n / 2)), f(b.wd_mean), '', '', f(b.frobenius), '', '', '', ''],
    ...methods.map(([name, m]) => {
      const tv = meanOf(m.tv);
      // an exact distribution (the uniform baseline) has no persona count; individual agreement needs personas paired
      // with respondents: '—' (reason below) for the others
      return [name, m.n === 0 && m.kind !== 'simulation' ? 'exact' : String(m.n), f(m.wd_mean), interval(m), f(m.representativeness), f(m.frobenius), f(meanOf(m.jsd)), f(tv === null ? null : 1 - tv), f(meanOf(m.refusal_rate), 3), f(m.agreement_mean, 3)];
    }),
  ]));
  const explained = new Set<string>();
  if (withIntervals) {
    out.push('', `Intervals: ${intervalLabel(withIntervals)}`);
    for (const [name, m] of methods) {
      const key = `methods.${name}.intervals_note`;
      const line = intervalNoteLine(name, m, r.reasons[key]);
      if (line) {
        out.push(`  ${line}`);
        explained.add(key);
      }
    }
  }
  const scales = Object.keys(h.alpha);
  if (scales.length > 0) {
    out.push('', 'Cronbach\'s alpha');
    out.push(table(['scale', 'human', 'bound |Δ|', ...methods.map(([n]) => n)], scales.map((s) => [s, f(h.alpha[s]), f(b.alpha_abs_diff[s]), ...methods.map(([, m]) => f(m.alpha[s]))])));
  }
  out.push('', 'Per question: WD (bound, then each method), signed drift, JSD, TV, refusal rate');
  const ids = r.survey.questions.map((q) => q.id);
  out.push(table(['question', 'bound', ...methods.flatMap(([n]) => [`${n} WD`, 'drift', 'JSD', 'TV', 'refusal'])], ids.map((id) => [
    id, f(b.wd[id]), ...methods.flatMap(([, m]) => [f(m.wd[id]), f(m.drift[id]), f(m.jsd[id]), f(m.tv[id]), f(m.refusal_rate[id], 3)]),
  ])));
  const undeclared = Object.entries(h.undeclared_codes ?? {});
  if (undeclared.length > 0) {
    out.push('', `Human answers with codes the spec does not declare, treated as missing: ${undeclared.map(([id, n]) => `${id} ${n}`).join(', ')} (declare them as options, or list them in human.missing)`);
  }
  // interval notes already explained under the table are not repeated
  const reasons = Object.entries(r.reasons).filter(([k]) => !explained.has(k));
  if (reasons.length > 0) {
    out.push('', 'Not computed (—) and notes:');
    for (const [k, v] of reasons) out.push(`  ${k}: ${v}`);
  }
  return `${out.join('\n')}\n`;
}
