import { Plot, plot } from '../shared/charts';
import { el, setChildren } from '../shared/dom';
import { chartTheme } from '../shared/theme';
import type { App } from './app';
import { chartExportButtons, tableExportButtons } from './exportButtons';
import { metricTableCsv, metricTableElement } from './metricsView';
import { compareRunsSection } from './runsCompare';

/** Mean WD of the picked methods with their intervals, against the human bound. */
function compareChart(app: App, methods: readonly string[], width: number): SVGSVGElement | HTMLElement {
  const t = chartTheme();
  const rows = app.init.table.rows.filter((r) => methods.includes(r.method) && r.wdMean.value !== null);
  const data = rows.map((r) => ({ label: r.label, value: r.wdMean.value!, lo: r.wdMean.interval?.[0] ?? r.wdMean.value!, hi: r.wdMean.interval?.[1] ?? r.wdMean.value! }));
  const bound = app.init.table.human.wdMeanBound;
  return plot({
    width: Math.max(360, width),
    height: 60 + 36 * data.length,
    marginLeft: 220,
    x: { label: 'mean WD (lower is better)', grid: true, zero: true },
    y: { label: null, domain: data.map((d) => d.label) },
    marks: [
      Plot.ruleY(data, { y: 'label', x1: 'lo', x2: 'hi', stroke: t.series[0]!, strokeWidth: 2 }),
      Plot.dot(data, { y: 'label', x: 'value', fill: t.series[0]!, r: 4, title: (d: { label: string; value: number; lo: number; hi: number }) => `${d.label}: ${d.value.toFixed(3)} [${d.lo.toFixed(3)}, ${d.hi.toFixed(3)}]` }),
      ...(bound !== null ? [Plot.ruleX([bound], { stroke: t.human, strokeDasharray: '4,3' }), Plot.text([bound], { x: (d: number) => d, frameAnchor: 'top', dy: -2, text: () => 'human bound', fill: t.muted, textAnchor: 'start', dx: 4 })] : []),
    ],
  });
}

export async function renderCompare(app: App, root: HTMLElement): Promise<void> {
  const methodsBox = el('div', { attrs: { 'data-section': 'methods' } });
  const runsBox = el('div', { attrs: { 'data-section': 'runs' } });
  renderCompareMethods(app, methodsBox);
  root.replaceChildren(runsBox, methodsBox);
  await compareRunsSection(app, runsBox);
}

function renderCompareMethods(app: App, root: HTMLElement): void {
  const picked = app.ui.compare.length >= 2 ? app.ui.compare : app.init.methods.map((m) => m.key);
  const boxes = app.init.methods.map((m) => el('vscode-checkbox', {
    attrs: { label: m.label, value: m.key, ...(picked.includes(m.key) ? { checked: '' } : {}), 'data-method': m.key },
    on: { change: (e: Event) => {
      const on = (e.target as HTMLInputElement).checked;
      const next = on ? [...new Set([...picked, m.key])] : picked.filter((k) => k !== m.key);
      app.update({ compare: next });
      renderCompareMethods(app, root);
    } },
  }));
  const chartBox = el('div', { class: 'chart', attrs: { 'data-chart': 'compare' } });
  const enough = picked.length >= 2;
  if (enough) chartBox.append(compareChart(app, picked, Math.min(900, (root.clientWidth || 800) - 20)));
  setChildren(root,
    el('div', { class: 'toolbar' }, el('h2', { text: 'Compare methods' }),
      tableExportButtons(app, () => `${app.init.specName}-comparison`, () => metricTableCsv(app.init.table, picked), () => ({ ...app.init.table, rows: app.init.table.rows.filter((r) => picked.includes(r.method)) }))),
    el('div', { class: 'checks' }, ...boxes),
    enough ? metricTableElement(app.init.table, picked) : el('p', { class: 'note', text: 'Pick two or more methods.' }),
    enough ? el('div', { class: 'toolbar' }, el('h3', { text: 'Mean WD with its interval' }), chartExportButtons(app, () => `${app.init.specName}-comparison`, () => chartBox.firstElementChild)) : null,
    chartBox,
    el('p', { class: 'note', text: 'The question view shows the picked methods only; the Questions tab compares their distributions per question.' }));
}
