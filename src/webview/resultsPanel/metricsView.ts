import { toCsv, type CsvCell } from '../../core/results/toCsv';
import type { MetricCell, MetricTable } from '../../protocol/resultsPanel';
import { el } from '../shared/dom';
import type { App } from './app';
import { tableExportButtons } from './exportButtons';
import { fmt, fmtCell } from './format';

/** The columns of the metric table, for display and CSV. */
function columns(t: MetricTable): { header: string; pick: (r: MetricTable['rows'][number]) => MetricCell; lowerBetter: boolean }[] {
  return [
    { header: 'mean WD', pick: (r) => r.wdMean, lowerBetter: true },
    { header: 'Frobenius', pick: (r) => r.frobenius, lowerBetter: true },
    { header: 'representativeness', pick: (r) => r.representativeness, lowerBetter: false },
    ...t.scales.map((s) => ({ header: `alpha ${s}`, pick: (r: MetricTable['rows'][number]) => r.alpha[s]!, lowerBetter: false })),
  ];
}

export function metricTableCsv(t: MetricTable, methods?: readonly string[]): string {
  const cols = columns(t);
  const header = ['method', 'kind', 'n', ...cols.flatMap((c) => [c.header, `${c.header} low`, `${c.header} high`])];
  const rows: CsvCell[][] = t.rows.filter((r) => !methods || methods.includes(r.method)).map((r) => [r.label, r.kind, r.exact ? 'exact' : r.n, ...cols.flatMap((c) => {
    const cell = c.pick(r);
    return [cell.value, cell.interval?.[0] ?? null, cell.interval?.[1] ?? null];
  })]);
  rows.push(['human split-half bound', 'human', t.human.n, t.human.wdMeanBound, null, null, t.human.frobeniusBound, null, null, null, null, null, ...t.scales.flatMap((s) => [t.human.alpha[s] ?? null, null, null])]);
  return toCsv(header, rows);
}

/** The metric table (methods × metrics with intervals, best marked, human bound row) for `methods` or all. */
export function metricTableElement(t: MetricTable, methods?: readonly string[]): HTMLTableElement {
  const cols = columns(t);
  const head = el('tr', {}, el('th', { text: 'method' }), el('th', { text: 'n', class: 'num' }), ...cols.map((c) => el('th', { class: 'num', text: c.header, title: c.lowerBetter ? 'lower is better' : c.header.startsWith('alpha') ? 'closest to the human alpha is best' : 'higher is better' })));
  const body = t.rows.filter((r) => !methods || methods.includes(r.method)).map((r) =>
    el('tr', { attrs: { 'data-method': r.method } },
      el('th', { attrs: { scope: 'row' } }, el('span', { text: r.label }), el('span', { class: `kind kind-${r.kind}`, text: r.kind })),
      r.exact
        ? el('td', { class: 'num exact', text: 'exact', title: 'an exact distribution, not sampled: no persona count (intervals resample the humans only)' })
        : el('td', { class: 'num', text: String(r.n) }),
      ...cols.map((c) => {
        const cell = c.pick(r);
        return el('td', { class: `num${cell.best ? ' best' : ''}`, title: cell.value === null ? (cell.reason ?? 'not measured') : cell.best ? 'best of this column' : '', attrs: cell.best ? { 'aria-label': `${fmtCell(cell)}, best` } : {} },
          cell.best ? el('span', { class: 'star', text: '★ ', attrs: { 'aria-hidden': 'true' } }) : null, fmtCell(cell));
      })));
  const h = t.human;
  const bound = el('tr', { class: 'bound' },
    el('th', { attrs: { scope: 'row' }, title: `metrics between random halves of the human sample (${h.splits} ${h.rule} splits): no method can be expected to do better` }, 'human split-half bound'),
    el('td', { class: 'num', text: String(h.n) }),
    el('td', { class: 'num', text: fmt(h.wdMeanBound) }),
    el('td', { class: 'num', text: fmt(h.frobeniusBound) }),
    el('td', { class: 'num', text: '–' }),
    ...t.scales.map((s) => el('td', { class: 'num', text: `${fmt(h.alpha[s])} (±${fmt(h.alphaBound[s])})`, title: 'human alpha (split-half |Δα|)' })));
  return el('table', { class: 'metrics' }, el('thead', {}, head), el('tbody', {}, ...body, bound));
}

export function renderMetrics(app: App, root: HTMLElement): void {
  const t = app.init.table;
  const warnings = Object.entries(app.init.leans).flatMap(([method, lean]) => {
    if (!lean.leans) return [];
    const label = app.init.methods.find((m) => m.key === method)?.label ?? method;
    return [el('div', { class: 'warning', attrs: { role: 'alert', 'data-lean': method } },
      el('strong', { text: 'Drift leans one way: ' }),
      `${label} answers ${lean.leans} than the humans on ${Math.round(lean.share * 100)} % of ${lean.defined} questions (|drift| > ${lean.threshold}). ` +
      'LLM personas can shift answers systematically in one direction (Li et al. 2025, "LLM Generated Persona is a Promise with a Catch"); a small mean WD does not rule this out. See the Drift tab.')];
  });
  const boot = t.bootstrap ? `Intervals: ${Math.round(t.bootstrap.level * 100)} % bootstrap percentile, ${t.bootstrap.resamples} resamples.` : 'No bootstrap intervals in this analysis.';
  root.replaceChildren(
    ...warnings,
    el('div', { class: 'toolbar' }, el('h2', { text: 'Metrics' }), tableExportButtons(app, () => `${app.init.specName}-metrics`, () => metricTableCsv(t), () => t)),
    metricTableElement(t),
    el('p', { class: 'note', text: `${boot} ★ marks the best value of each column (lowest WD and Frobenius, highest representativeness, alpha closest to the human alpha). Human n = ${t.human.n}${t.human.weighted ? ', survey-weighted' : ''}.` }),
  );
}
