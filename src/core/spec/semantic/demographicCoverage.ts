import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { at, diag, entriesOf, isRecord, listText, str } from './specShape';
import { parseDecimalText } from '../../data/index';
import { humanDataOf } from './humanData';

/**
 * `semantic/demographic-not-mapped` (warning): every non-missing value in a demographic column is
 * covered by the variable's `map` (as a key) or `ranges` (numeric, inclusive). Without either, the raw
 * value is the category, so everything is covered.
 */
export function checkDemographicCoverage(ctx: SemanticContext): SpecDiagnostic[] {
  const human = humanDataOf(ctx);
  if (human?.kind !== 'table') return [];
  const out: SpecDiagnostic[] = [];
  for (const [variable, spec] of entriesOf(at(ctx.spec.value, ['human', 'demographics']))) {
    if (!isRecord(spec)) continue;
    const column = str(spec['column']);
    const summary = column === undefined ? undefined : human.table.summary.get(column);
    if (!summary) continue;
    const map = isRecord(spec['map']) ? spec['map'] : undefined;
    const ranges = Array.isArray(spec['ranges'])
      ? spec['ranges'].filter(isRecord).flatMap((r) => (typeof r['min'] === 'number' && typeof r['max'] === 'number' ? [[r['min'], r['max']] as const] : []))
      : undefined;
    if (!map && !ranges) continue;
    const missing = new Set(Array.isArray(spec['missing']) ? spec['missing'].map((v) => String(v).trim()) : ['']);
    const bad: [string, number][] = [];
    for (const [value, rows] of summary.counts) {
      if (missing.has(value)) continue;
      if (map && Object.prototype.hasOwnProperty.call(map, value)) continue;
      if (ranges) {
        const n = parseDecimalText(value);
        if (Number.isFinite(n) && ranges.some(([lo, hi]) => n >= lo && n <= hi)) continue;
      }
      bad.push([value, rows]);
    }
    if (bad.length === 0) continue;
    bad.sort((a, b) => b[1] - a[1]);
    const rows = bad.reduce((s, [, n]) => s + n, 0);
    const shown = listText(bad.map(([v, n]) => `${JSON.stringify(v)} (${n} row${n === 1 ? '' : 's'})`));
    const how = map
      ? `Add ${bad.length === 1 ? 'it' : 'them'} to \`map\` (use null to count a value as refused), or to \`missing\``
      : 'Widen `ranges` (a range with `category: null` counts values as refused), or list them in `missing`';
    out.push(diag(ctx, ['human', 'demographics', variable, map ? 'map' : 'ranges'], 'key', 'warning', 'semantic/demographic-not-mapped',
      `Demographic "${variable}": column "${column!}" has ${bad.length} value${bad.length === 1 ? '' : 's'} not covered by \`${map ? 'map' : 'ranges'}\`, in ${rows} row${rows === 1 ? '' : 's'}: ${shown}. ${how}; unmapped respondents cannot be matched on this variable.`));
  }
  return out;
}
