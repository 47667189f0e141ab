import type { Command } from 'commander';
import { compareSamples } from '../../core/stats/compareSamples';
import type { ItemMatrix } from '../../core/stats/types';
import type { CliContext } from '../cliContext';
import { CliError, ExitCode } from '../cliError';
import { addReadOptions, asCliError, collect, loadSample, readOptions, resolveColumns, type MetricsCliOptions } from './metricsInput';
import { flatColumns, fmtValue, frobeniusReason, MetricValues } from './unmeasured';

/**
 * `persona-studio compare <a.csv> <b.csv> --items i1,i2,... [--weight COL] [--scale NAME=i1,i2,...]... [--reverse ...] [--json]`:
 * per-item WD, wd_mean, Frobenius distance of the correlation matrices and each scale's alpha, sample a vs sample b
 * (docs/metrics.md §3.1–3.3). With --weight, WD and correlations use the survey weights (alpha stays unweighted).
 */
export function registerCompare(program: Command, ctx: CliContext): void {
  const command = program
    .command('compare')
    .description('Compare two answer tables: per-item Wasserstein distance, correlation Frobenius distance, Cronbach alpha')
    .argument('<a.csv>', 'first sample (e.g. humans; CSV, or SPSS .sav/.zsav with user-missing values read as missing)')
    .argument('<b.csv>', 'second sample (e.g. personas; CSV or .sav)')
    .requiredOption('--items <list>', 'comma-separated item columns')
    .option('--weight <column>', 'survey-weight column (used where the file has it; other files count each row once)')
    .option('--scale <name=items>', 'an alpha scale, NAME=item1,item2,...; -item reverse-keys it in this scale (repeatable)', collect, [])
    .option('--reverse <list>', 'reverse-keyed items, recoded (min + max) − x in every scale that has them')
    .option('--json', 'print one JSON object');
  addReadOptions(command).action(async (fileA: string, fileB: string, opts: MetricsCliOptions) => {
      const cols = resolveColumns(opts);
      const read = { ...readOptions(opts, ctx), weightOptional: true };
      const a = await loadSample(ctx.cwd, fileA, cols.columns, read);
      const b = await loadSample(ctx.cwd, fileB, cols.columns, read);
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
      const k = cols.items.length;
      const flatA = flatColumns(a.matrix, cols.columns, fileA);
      const flatB = flatColumns(b.matrix, cols.columns, fileB);
      const flatItems = [...flatA, ...flatB].filter((f) => cols.items.some((i) => f.startsWith(`${i} in `)));
      const v = new MetricValues();
      const weighted = opts.weight && c.weighted ? ' with positive weight' : '';
      const wd: Record<string, number | null> = {};
      cols.items.forEach((item, j) => {
        wd[item] = v.num(`wd.${item}`, d.wd[j]!, () => `no answers${weighted} to ${item} in ${[...(colEmpty(a.matrix, j) ? [fileA] : []), ...(colEmpty(b.matrix, j) ? [fileB] : [])].join(' and ') || 'one of the files'}`);
      });
      const wdMean = v.num('wd_mean', d.wdMean, () => 'no item has answers in both files');
      const frobenius = v.num('frobenius', d.frobenius, () => frobeniusReason(k, d.skippedPairs, flatItems));
      const frobeniusUpper = v.num('frobenius_upper', d.frobeniusUpper, () => 'as frobenius');
      if (frobenius !== null && d.skippedPairs > 0) v.note('frobenius', frobeniusReason(k, d.skippedPairs, flatItems));
      const alphaA: Record<string, number | null> = {};
      const alphaB: Record<string, number | null> = {};
      const alphaWhy = (x: number, file: string, flat: string[], scale: number) => (): string => {
        const names = new Set(cols.scales[scale]!.items.map((i) => cols.columns[i]!));
        const inScale = flat.filter((f) => [...names].some((nm) => f.startsWith(`${nm} in `)));
        return x === -Infinity
          ? `the covariances of the scale's items sum to 0 in ${file} (alpha is −∞)`
          : `the scale's items have no variance in ${file}${inScale.length > 0 ? `: ${inScale.join(', ')}` : ''}`;
      };
      c.alpha.forEach((s, i) => {
        alphaA[s.name] = v.num(`alpha.a.${s.name}`, s.a, alphaWhy(s.a, fileA, flatA, i));
        alphaB[s.name] = v.num(`alpha.b.${s.name}`, s.b, alphaWhy(s.b, fileB, flatB, i));
      });
      if (opts.json) {
        const out = { wd, wd_mean: wdMean, frobenius, frobenius_upper: frobeniusUpper, skipped_pairs: d.skippedPairs, alpha: { a: alphaA, b: alphaB }, reasons: v.reasons };
        ctx.out(`${JSON.stringify(out, null, 2)}\n`);
        return;
      }
      const width = Math.max(16, ...cols.items.map((i) => i.length + 2));
      const lines = [`${fileA} (n=${c.nA}) vs ${fileB} (n=${c.nB})${opts.weight ? `, weighted by ${opts.weight}` : ''}`, '', `${'item'.padEnd(width)}WD`];
      cols.items.forEach((item) => lines.push(`${item.padEnd(width)}${fmtValue(wd[item]!)}`));
      lines.push('', `${'wd_mean'.padEnd(width)}${fmtValue(wdMean)}`, `${'frobenius'.padEnd(width)}${fmtValue(frobenius)}`, `${'frobenius_upper'.padEnd(width)}${fmtValue(frobeniusUpper)}`);
      if (c.alpha.length > 0) {
        lines.push('', `${'alpha'.padEnd(width)}${'a'.padEnd(12)}${'b'.padEnd(12)}|a − b|`);
        for (const s of c.alpha) {
          const diff = alphaA[s.name] !== null && alphaB[s.name] !== null ? s.absDiff : null;
          lines.push(`${s.name.padEnd(width)}${fmtValue(alphaA[s.name]!).padEnd(12)}${fmtValue(alphaB[s.name]!).padEnd(12)}${fmtValue(diff)}`);
        }
      }
      lines.push(...v.lines());
      ctx.out(`${lines.join('\n')}\n`);
    });
}

/** True when column j of the matrix has no answer. */
function colEmpty(m: ItemMatrix, j: number): boolean {
  for (let r = j * m.nRows, end = r + m.nRows; r < end; r++) if (m.data[r] === m.data[r]) return false;
  return true;
}
