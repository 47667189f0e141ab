import type { Command } from 'commander';
import { compareSamples } from '../../core/stats/compareSamples';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { asCliError, collect, fmt, loadSample, resolveColumns, type MetricsCliOptions } from './metricsInput';

/**
 * `persona-studio compare <a.csv> <b.csv> --items i1,i2,... [--weight COL] [--scale NAME=i1,i2,...]... [--reverse ...] [--json]`:
 * per-item WD, wd_mean, Frobenius distance of the correlation matrices and each scale's alpha, sample a vs sample b
 * (docs/metrics.md §3.1–3.3). With --weight, WD and correlations use the survey weights (alpha stays unweighted).
 */
export function registerCompare(program: Command, ctx: CliContext): void {
  program
    .command('compare')
    .description('Compare two answer tables: per-item Wasserstein distance, correlation Frobenius distance, Cronbach alpha')
    .argument('<a.csv>', 'first sample (e.g. humans)')
    .argument('<b.csv>', 'second sample (e.g. personas)')
    .requiredOption('--items <list>', 'comma-separated item columns')
    .option('--weight <column>', 'survey-weight column (used where the file has it; other files count each row once)')
    .option('--scale <name=items>', 'an alpha scale, NAME=item1,item2,...; -item reverse-keys it in this scale (repeatable)', collect, [])
    .option('--reverse <list>', 'reverse-keyed items, recoded (min + max) − x in every scale that has them')
    .option('--json', 'print one JSON object')
    .action((fileA: string, fileB: string, opts: MetricsCliOptions) => {
      const cols = resolveColumns(opts);
      const a = loadSample(ctx.cwd, fileA, cols.columns, opts.weight, true);
      const b = loadSample(ctx.cwd, fileB, cols.columns, opts.weight, true);
      if (opts.weight && !a.weights && !b.weights) {
        throw new CliError(`--weight: neither ${fileA} nor ${fileB} has a column "${opts.weight}"`, ExitCode.badInput);
      }
      const items = cols.items.map((_, j) => j);
      const c = asCliError(() =>
        compareSamples(a.matrix, b.matrix, {
          items,
          scales: cols.scales,
          ...(a.weights ? { weightsA: a.weights } : {}),
          ...(b.weights ? { weightsB: b.weights } : {}),
        }),
      );
      const d = opts.weight && c.weighted ? c.weighted : c;
      const wd: Record<string, number> = {};
      cols.items.forEach((item, j) => (wd[item] = d.wd[j]!));
      const alphaA: Record<string, number> = {};
      const alphaB: Record<string, number> = {};
      for (const s of c.alpha) {
        alphaA[s.name] = s.a;
        alphaB[s.name] = s.b;
      }
      if (opts.json) {
        const out = { wd, wd_mean: d.wdMean, frobenius: d.frobenius, frobenius_upper: d.frobeniusUpper, alpha: { a: alphaA, b: alphaB } };
        ctx.out(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const width = Math.max(16, ...cols.items.map((i) => i.length + 2));
      const lines = [`${fileA} (n=${c.nA}) vs ${fileB} (n=${c.nB})${opts.weight ? `, weighted by ${opts.weight}` : ''}`, '', `${'item'.padEnd(width)}WD`];
      cols.items.forEach((item, j) => lines.push(`${item.padEnd(width)}${fmt(d.wd[j]!)}`));
      lines.push('', `${'wd_mean'.padEnd(width)}${fmt(d.wdMean)}`, `${'frobenius'.padEnd(width)}${fmt(d.frobenius)}`, `${'frobenius_upper'.padEnd(width)}${fmt(d.frobeniusUpper)}`);
      if (d.skippedPairs > 0) lines.push(`(${d.skippedPairs} item pair(s) skipped: a constant column has no correlation)`);
      if (c.alpha.length > 0) {
        lines.push('', `${'alpha'.padEnd(width)}${'a'.padEnd(12)}${'b'.padEnd(12)}|a − b|`);
        for (const s of c.alpha) lines.push(`${s.name.padEnd(width)}${fmt(s.a).padEnd(12)}${fmt(s.b).padEnd(12)}${fmt(s.absDiff)}`);
      }
      ctx.out(`${lines.join('\n')}\n`);
    });
}
