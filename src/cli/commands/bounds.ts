import type { Command } from 'commander';
import type { MetricSummary } from '../../core/stats/metricSummary';
import { eachSeededSplitHalf } from '../../core/stats/seededSplitHalves';
import { eachSha256SplitHalf } from '../../core/stats/sha256SplitHalves';
import { splitHalfBounds } from '../../core/stats/splitHalfBounds';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { progressLine } from '../progressLine';
import { addReadOptions, asCliError, collect, loadSample, readOptions, resolveColumns, type MetricsCliOptions } from './metricsInput';
import { flatColumns, fmtValue, frobeniusReason, MetricValues } from './unmeasured';

interface BoundsFigures {
  readonly wd_mean: number | null;
  readonly frobenius: number | null;
  readonly frobenius_upper: number | null;
  readonly alpha_abs_diff: Record<string, number | null>;
}

interface BoundsOptions extends MetricsCliOptions {
  readonly splits: string;
  readonly splitRule: string;
  readonly seed: string;
}

/**
 * `persona-studio bounds <data.csv> --items ... [--weight COL] [--scale ...]... [--reverse ...] [--splits 100]
 * [--split-rule sha256|seeded] [--seed N] [--json]`: the split-half human lower bound (docs/metrics.md §3.4), the mean and
 * sd over the splits of wd_mean, Frobenius distances and |Δalpha| per scale.
 */
export function registerBounds(program: Command, ctx: CliContext): void {
  const command = program
    .command('bounds')
    .description('Split-half human lower bound: metrics between random halves of one answer table, mean and sd over the splits')
    .argument('<data.csv>', 'the human answers (CSV, or SPSS .sav/.zsav with user-missing values read as missing)')
    .requiredOption('--items <list>', 'comma-separated item columns')
    .option('--weight <column>', 'survey-weight column (weighted WD and correlations)')
    .option('--scale <name=items>', 'an alpha scale, NAME=item1,item2,...; -item reverse-keys it in this scale (repeatable)', collect, [])
    .option('--reverse <list>', 'reverse-keyed items, recoded (min + max) − x in every scale that has them')
    .option('--splits <n>', 'number of splits', '100')
    .option('--split-rule <rule>', 'sha256 (reproducible across languages, docs/metrics.md §3.4) or seeded', 'sha256')
    .option('--seed <n>', 'seed of the seeded rule', '0')
    .option('--json', 'print one JSON object');
  addReadOptions(command).action(async (file: string, opts: BoundsOptions) => {
      const nSplits = Number(opts.splits);
      if (!Number.isInteger(nSplits) || nSplits < 1) throw new CliError(`--splits: "${opts.splits}" is not a positive integer`, ExitCode.badInput);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new CliError(`--seed: "${opts.seed}" is not an integer`, ExitCode.badInput);
      if (opts.splitRule !== 'sha256' && opts.splitRule !== 'seeded') {
        throw new CliError(`--split-rule: "${opts.splitRule}" is not one of sha256, seeded`, ExitCode.badInput);
      }
      const cols = resolveColumns(opts);
      const data = await loadSample(ctx.cwd, file, cols.columns, readOptions(opts, ctx));
      const result = asCliError(() => {
        const n = data.matrix.nRows;
        const progress = progressLine((t) => ctx.err(t), file);
        // splits are drawn one at a time and dropped once measured
        const splits = opts.splitRule === 'sha256' ? eachSha256SplitHalf(n, { splits: nSplits }) : eachSeededSplitHalf(n, { splits: nSplits, seed });
        return splitHalfBounds(data.matrix, splits, {
          items: cols.items.map((_, j) => j),
          scales: cols.scales,
          ...(data.weights ? { weights: data.weights } : {}),
          signal: ctx.signal,
          splitCount: nSplits,
          onProgress: (done, total) => progress.update(done, total, 'splits'),
        });
      });
      const v = new MetricValues();
      const k = cols.items.length;
      const half = result.halfSize;
      const skipped = result.mean.skippedPairs ?? 0;
      const flat = flatColumns(data.matrix, cols.items, file);
      const pick = (stat: 'mean' | 'sd', s: MetricSummary): BoundsFigures => {
        const d = opts.weight && s.weighted ? s.weighted : s;
        const few = stat === 'sd' && result.nSplits < 2 ? 'the sd needs at least 2 splits' : undefined;
        const frobeniusWhy = (): string =>
          few ?? (half < 2 ? `halves of ${half} row have no correlations (a correlation needs at least 2 rows)` : frobeniusReason(k, skipped, flat, ' in at least one split'));
        const alpha: Record<string, number | null> = {};
        for (const [name, x] of Object.entries(s.alphaAbsDiff)) {
          alpha[name] = v.num(`${stat}.alpha_abs_diff.${name}`, x, () => few ?? `alpha of ${name} is not defined in a half of at least one split (an item without variance${half < 2 ? `: halves of ${half} row` : ''}, or covariances summing to 0)`);
        }
        return {
          wd_mean: v.num(`${stat}.wd_mean`, d.wdMean, () => few ?? 'no item has answers in both halves of at least one split'),
          frobenius: v.num(`${stat}.frobenius`, d.frobenius, frobeniusWhy),
          frobenius_upper: v.num(`${stat}.frobenius_upper`, d.frobeniusUpper, frobeniusWhy),
          alpha_abs_diff: alpha,
        };
      };
      const mean = pick('mean', result.mean);
      const sd = pick('sd', result.sd);
      if (mean.frobenius !== null && skipped > 0) v.note('mean.frobenius', frobeniusReason(k, skipped, flat, ' in at least one split'));
      const out = { n_splits: result.nSplits, half_size: half, mean, sd, skipped_pairs: skipped, reasons: v.reasons };
      if (opts.json) {
        ctx.out(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const lines = [
        `${file}: ${result.nSplits} split-halves (${opts.splitRule}), halves of ${half} rows${opts.weight ? `, weighted by ${opts.weight}` : ''}`,
        '',
        `${'metric'.padEnd(24)}${'mean'.padEnd(12)}sd`,
        `${'wd_mean'.padEnd(24)}${fmtValue(mean.wd_mean).padEnd(12)}${fmtValue(sd.wd_mean)}`,
        `${'frobenius'.padEnd(24)}${fmtValue(mean.frobenius).padEnd(12)}${fmtValue(sd.frobenius)}`,
        `${'frobenius_upper'.padEnd(24)}${fmtValue(mean.frobenius_upper).padEnd(12)}${fmtValue(sd.frobenius_upper)}`,
      ];
      for (const name of Object.keys(mean.alpha_abs_diff)) {
        lines.push(`${`|Δalpha| ${name}`.padEnd(24)}${fmtValue(mean.alpha_abs_diff[name] ?? null).padEnd(12)}${fmtValue(sd.alpha_abs_diff[name] ?? null)}`);
      }
      lines.push(...v.lines());
      ctx.out(`${lines.join('\n')}\n`);
    });
}
