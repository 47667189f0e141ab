import { toCsv, type CsvCell } from '../../core/results/toCsv';
import type { ComparedRun, MetricCell, MetricTable, RunComparison } from '../../protocol/resultsPanel';
import { Plot, plot } from '../shared/charts';
import { el } from '../shared/dom';
import { chartTheme } from '../shared/theme';
import { saveUiState, type App } from './app';
import { chartExportButtons, tableExportButtons } from './exportButtons';
import { fmt, fmtCell } from './format';

/** A run's label: method, model, date (UTC, to the minute). */
export function runLabel(r: Pick<ComparedRun, 'method' | 'model' | 'date'>): string {
  const date = r.date.replace('T', ' ').slice(0, 16);
  return [r.method, r.model, date].filter((x) => x !== null && x !== '').join(' · ');
}

const scalesOf = (runs: readonly ComparedRun[]): string[] => [...new Set(runs.flatMap((r) => r.table.scales))];

/** Every run's rows (method × metric with intervals) and its human bound, long format, for CSV. */
export function runComparisonCsv(c: RunComparison): string {
  const scales = scalesOf(c.runs);
  const cells = (x: MetricCell | undefined): CsvCell[] => [x?.value ?? null, x?.interval?.[0] ?? null, x?.interval?.[1] ?? null];
  const rows: CsvCell[][] = [];
  for (const r of c.runs) {
    for (const m of r.table.rows) {
      rows.push([r.runId, runLabel(r), m.label, m.kind, m.exact ? 'exact' : m.n, ...cells(m.wdMean), ...cells(m.frobenius), ...cells(m.representativeness), ...scales.flatMap((s) => cells(m.alpha[s]))]);
    }
    const h = r.table.human;
    rows.push([r.runId, runLabel(r), 'human split-half bound', 'human', h.n, h.wdMeanBound, null, null, h.frobeniusBound, null, null, null, null, null, ...scales.flatMap((s) => [h.alpha[s] ?? null, null, null])]);
  }
  const metricCols = ['mean WD', 'Frobenius', 'representativeness', ...scales.map((s) => `alpha ${s}`)].flatMap((c2) => [c2, `${c2} low`, `${c2} high`]);
  return toCsv(['run', 'run label', 'method', 'kind', 'n', ...metricCols], rows);
}

function rowsOf(table: MetricTable, scales: readonly string[]): HTMLElement[] {
  const body = table.rows.map((m) => el('tr', { attrs: { 'data-method': m.method } },
    el('th', { attrs: { scope: 'row' } }, el('span', { text: m.label }), el('span', { class: `kind kind-${m.kind}`, text: m.kind })),
    m.exact ? el('td', { class: 'num exact', text: 'exact', title: 'an exact distribution, not sampled' }) : el('td', { class: 'num', text: String(m.n) }),
    ...[m.wdMean, m.frobenius, m.representativeness, ...scales.map((s) => m.alpha[s])].map((c) => el('td', { class: 'num', title: c && c.value === null ? (c.reason ?? 'not measured') : '', text: c ? fmtCell(c) : '–' }))));
  const h = table.human;
  body.push(el('tr', { class: 'bound' },
    el('th', { attrs: { scope: 'row' }, title: `${h.splits} ${h.rule} split-half splits` }, 'human split-half bound'),
    el('td', { class: 'num', text: String(h.n) }),
    el('td', { class: 'num', text: fmt(h.wdMeanBound) }),
    el('td', { class: 'num', text: fmt(h.frobeniusBound) }),
    el('td', { class: 'num', text: '–' }),
    ...scales.map((s) => el('td', { class: 'num', text: s in h.alpha ? `${fmt(h.alpha[s])} (±${fmt(h.alphaBound[s])})` : '–' }))));
  return body;
}

/** Mean WD of every run's own method (else all its simulation rows) with its interval, and each run's human bound. */
function runsChart(c: RunComparison, width: number): SVGSVGElement | HTMLElement {
  const t = chartTheme();
  const data = c.runs.flatMap((r) => {
    const own = r.table.rows.filter((m) => m.method === r.method);
    const picked = own.length > 0 ? own : r.table.rows.filter((m) => m.kind === 'simulation');
    return picked.filter((m) => m.wdMean.value !== null).map((m) => ({
      label: `${runLabel(r)}${picked.length > 1 || m.method !== r.method ? ` — ${m.method}` : ''}`,
      value: m.wdMean.value!, lo: m.wdMean.interval?.[0] ?? m.wdMean.value!, hi: m.wdMean.interval?.[1] ?? m.wdMean.value!, bound: r.table.human.wdMeanBound,
    }));
  });
  const longest = Math.max(0, ...data.map((d) => d.label.length));
  return plot({
    width: Math.max(360, width),
    height: 60 + 36 * Math.max(1, data.length),
    marginLeft: Math.min(Math.max(160, Math.round(width * 0.55)), 12 + Math.ceil(longest * 6.5)),
    x: { label: 'mean WD (lower is better); dashes: each run’s human bound', grid: true, zero: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.tickX(data.filter((d) => d.bound !== null), { y: 'label', x: 'bound', stroke: t.human, strokeDasharray: '3,2' }),
      Plot.ruleY(data, { y: 'label', x1: 'lo', x2: 'hi', stroke: t.series[0]!, strokeWidth: 2 }),
      Plot.dot(data, { y: 'label', x: 'value', fill: t.series[0]!, r: 4, title: (d: { label: string; value: number; lo: number; hi: number }) => `${d.label}: ${d.value.toFixed(3)} [${d.lo.toFixed(3)}, ${d.hi.toFixed(3)}]` }),
    ],
  });
}

/** The Compare tab's run comparison: this run and every added one, side by side, with "Add run…". */
export async function compareRunsSection(app: App, root: HTMLElement, given?: RunComparison): Promise<void> {
  const c = given ?? await app.rpc.request('runs/compare', {});
  if (c.folders) {
    // the comparison is part of the saved state: it survives a reload (the host re-reads it on restore)
    app.init = { ...app.init, comparedFolders: c.folders, comparedRuns: c.folders.length };
    saveUiState(app.init, app.ui);
  }
  const dropped = c.note ? el('p', { class: 'note', attrs: { 'data-note': 'comparison' }, text: c.note }) : null;
  const redo = (next: Promise<RunComparison>): void => void next.then((n) => compareRunsSection(app, root, n)).catch((err: unknown) => app.status(`Run comparison: ${err instanceof Error ? err.message : String(err)}`, 'error'));
  const add = el('vscode-button', { attrs: { 'data-action': 'add-run' }, text: 'Add run…', on: { click: () => redo(app.rpc.request('runs/add', {})) } });
  const header = el('div', { class: 'toolbar' }, el('h2', { text: 'Compare runs' }), add,
    c.runs.length >= 2 ? tableExportButtons(app, () => `${app.init.specName}-runs`, () => runComparisonCsv(c), () => c) : null);
  if (c.runs.length < 2) {
    root.replaceChildren(header, dropped ?? '', el('p', { class: 'note', text: 'Add another analysed run (Add run…), or select two runs in the Runs view and choose Compare Selected Runs.' }));
    return;
  }
  const scales = scalesOf(c.runs);
  const head = el('tr', {}, el('th', { text: 'method' }), el('th', { class: 'num', text: 'n' }), ...['mean WD', 'Frobenius', 'representativeness', ...scales.map((s) => `alpha ${s}`)].map((h) => el('th', { class: 'num', text: h })));
  const body = c.runs.flatMap((r) => [
    el('tr', { class: 'run-head', attrs: { 'data-run': r.key } }, el('th', { attrs: { colspan: String(5 + scales.length), scope: 'rowgroup' } },
      el('span', { text: runLabel(r) }), el('span', { class: 'note', text: `  ${r.runId}${r.specName !== app.init.specName ? ` (${r.specName})` : ''}${r.current ? ' · this run' : ''}` }),
      r.current ? null : el('vscode-button', { attrs: { secondary: '', 'data-remove': r.key, 'aria-label': `remove ${r.runId} from the comparison` }, text: 'Remove', on: { click: () => redo(app.rpc.request('runs/remove', { key: r.key })) } }))),
    ...rowsOf(r.table, scales),
  ]);
  const chartBox = el('div', { class: 'chart', attrs: { 'data-chart': 'runs' } });
  chartBox.append(runsChart(c, Math.min(1000, (root.clientWidth || 800) - 20)));
  root.replaceChildren(header, dropped ?? '',
    el('div', { class: 'list' }, el('table', { class: 'metrics runs-compare' }, el('thead', {}, head), el('tbody', {}, ...body))),
    el('div', { class: 'toolbar' }, el('h3', { text: 'Mean WD of each run with its interval' }), chartExportButtons(app, () => `${app.init.specName}-runs`, () => chartBox.firstElementChild)),
    chartBox,
    el('p', { class: 'note', text: 'Each run is read against its own analysis’s human split-half bound: runs analysed with other human data or splits have other bounds.' }));
}
