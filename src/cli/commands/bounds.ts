import type { Command } from 'commander';
import type { MetricSummary } from '../../core/stats/metricSummary';
import { seededSplitHalves } from '../../core/stats/seededSplitHalves';
import { sha256SplitHalves } from '../../core/stats/sha256SplitHalves';
import { splitHalfBounds } from '../../core/stats/splitHalfBounds';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { asCliError, collect, fmt, loadSample, resolveColumns, type MetricsCliOptions } from './metricsInput';

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
  program
    .command('bounds')
    .description('Split-half human lower bound: metrics between random halves of one answer table, mean and sd over the splits')
    .argument('<data.csv>', 'the human answers')
    .requiredOption('--items <list>', 'comma-separated item columns')
    .option('--weight <column>', 'survey-weight column (weighted WD and correlations)')
    .option('--scale <name=items>', 'an alpha scale, NAME=item1,item2,...; -item reverse-keys it in this scale (repeatable)', collect, [])
    .option('--reverse <list>', 'reverse-keyed items, recoded (min + max) − x in every scale that has them')
    .option('--splits <n>', 'number of splits', '100')
    .option('--split-rule <rule>', 'sha256 (reproducible across languages, docs/metrics.md §3.4) or seeded', 'sha256')
    .option('--seed <n>', 'seed of the seeded rule', '0')
    .option('--json', 'print one JSON object')
    .action((file: string, opts: BoundsOptions) => {
      const nSplits = Number(opts.splits);
      if (!Number.isInteger(nSplits) || nSplits < 1) throw new CliError(`--splits: "${opts.splits}" is not a positive integer`, ExitCode.badInput);
      const seed = Number(opts.seed);
      if (!Number.isInteger(seed)) throw new CliError(`--seed: "${opts.seed}" is not an integer`, ExitCode.badInput);
      if (opts.splitRule !== 'sha256' && opts.splitRule !== 'seeded') {
        throw new CliError(`--split-rule: "${opts.splitRule}" is not one of sha256, seeded`, ExitCode.badInput);
      }
      const cols = resolveColumns(opts);
      const data = loadSample(ctx.cwd, file, cols.columns, opts.weight);
      const result = asCliError(() => {
        const n = data.matrix.nRows;
        const splits = opts.splitRule === 'sha256' ? sha256SplitHalves(n, { splits: nSplits }) : seededSplitHalves(n, { splits: nSplits, seed });
        return splitHalfBounds(data.matrix, splits, {
          items: cols.items.map((_, j) => j),
          scales: cols.scales,
          ...(data.weights ? { weights: data.weights } : {}),
        });
      });
      const pick = (s: MetricSummary): Record<string, unknown> => {
        const d = opts.weight && s.weighted ? s.weighted : s;
        return { wd_mean: d.wdMean, frobenius: d.frobenius, frobenius_upper: d.frobeniusUpper, alpha_abs_diff: s.alphaAbsDiff };
      };
      const out = { n_splits: result.nSplits, half_size: result.halfSize, mean: pick(result.mean), sd: pick(result.sd) };
      if (opts.json) {
        ctx.out(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const m = out.mean as { wd_mean: number; frobenius: number; frobenius_upper: number };
      const sd = out.sd as { wd_mean: number; frobenius: number; frobenius_upper: number };
      const lines = [
        `${file}: ${result.nSplits} split-halves (${opts.splitRule}), halves of ${result.halfSize} rows${opts.weight ? `, weighted by ${opts.weight}` : ''}`,
        '',
        `${'metric'.padEnd(24)}${'mean'.padEnd(12)}sd`,
        `${'wd_mean'.padEnd(24)}${fmt(m.wd_mean).padEnd(12)}${fmt(sd.wd_mean)}`,
        `${'frobenius'.padEnd(24)}${fmt(m.frobenius).padEnd(12)}${fmt(sd.frobenius)}`,
        `${'frobenius_upper'.padEnd(24)}${fmt(m.frobenius_upper).padEnd(12)}${fmt(sd.frobenius_upper)}`,
      ];
      for (const [name, v] of Object.entries(result.mean.alphaAbsDiff)) {
        lines.push(`${`|Δalpha| ${name}`.padEnd(24)}${fmt(v).padEnd(12)}${fmt(result.sd.alphaAbsDiff[name] ?? NaN)}`);
      }
      ctx.out(`${lines.join('\n')}\n`);
    });
}
