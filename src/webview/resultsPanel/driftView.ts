import { toCsv } from '../../core/results/toCsv';
import type { DriftView } from '../../protocol/resultsPanel';
import { Plot, plot } from '../shared/charts';
import { el, setChildren } from '../shared/dom';
import { chartTheme } from '../shared/theme';
import type { App, UiPatch } from './app';
import { chartExportButtons, tableExportButtons } from './exportButtons';
import { fmt, fmtPercent } from './format';

/** Signed drift per question as bars, with the ±threshold band. */
export function driftChart(v: DriftView, width: number, key: 'drift' | 'refusal'): SVGSVGElement | HTMLElement {
  const t = chartTheme();
  const values = key === 'drift' ? v.drift : v.refusal;
  const data = v.ids.map((id, i) => ({ id, value: values[i] ?? null })).filter((d) => d.value !== null) as { id: string; value: number }[];
  const many = v.ids.length > 60;
  return plot({
    width: Math.max(360, width),
    height: 240,
    marginBottom: many ? 20 : 40,
    x: { domain: [...v.ids], label: null, axis: many ? null : 'bottom', tickRotate: -90 },
    y: key === 'drift' ? { label: 'drift (simulated − human mean, codes)', grid: true } : { label: 'refusal / non-compliance (%)', percent: true, grid: true },
    marks: [
      Plot.barY(data, { x: 'id', y: 'value', fill: (d: { value: number }) => (key === 'refusal' ? t.series[1]! : d.value > 0 ? t.positive : t.negative), title: (d: { id: string; value: number }) => `${d.id}: ${key === 'drift' ? d.value.toFixed(3) : `${(d.value * 100).toFixed(1)} %`}` }),
      ...(key === 'drift' ? [Plot.ruleY([v.lean.threshold, -v.lean.threshold], { stroke: t.muted, strokeDasharray: '4,3' })] : []),
      Plot.ruleY([0], { stroke: t.foreground }),
    ],
  });
}

export async function renderDrift(app: App, root: HTMLElement): Promise<void> {
  const method = app.ui.method ?? app.init.methods[0]?.key ?? '';
  const v = await app.rpc.request('drift', { method, threshold: app.ui.threshold });
  const label = app.init.methods.find((m) => m.key === method)?.label ?? method;
  const update = (patch: UiPatch) => {
    app.update(patch);
    void renderDrift(app, root);
  };
  const l = v.lean;
  const summary = l.leans
    ? el('div', { class: 'warning', attrs: { role: 'alert', 'data-lean': method } }, el('strong', { text: 'Drift leans one way. ' }),
        `${label} answers ${l.leans} than the humans on ${l.leans === 'higher' ? l.above : l.below} of ${l.defined} questions (${Math.round(l.share * 100)} %, |drift| > ${l.threshold}; a lean is reported from ${Math.round(l.minShare * 100)} %). ` +
        'Li et al. (2025, "LLM Generated Persona is a Promise with a Catch") found simulated opinions from LLM-generated personas shifting systematically in one direction; check the personas before trusting the averages.')
    : el('p', { class: 'ok', text: `No one-sided drift: ${l.above} question(s) above +${l.threshold}, ${l.below} below −${l.threshold}, of ${l.defined}.` });
  const driftBox = el('div', { class: 'chart', attrs: { 'data-chart': 'drift' } });
  const refusalBox = el('div', { class: 'chart', attrs: { 'data-chart': 'refusal' } });
  const width = Math.min(1100, (root.clientWidth || 800) - 20);
  driftBox.append(driftChart(v, width, 'drift'));
  refusalBox.append(driftChart(v, width, 'refusal'));
  const methodSelect = el('vscode-single-select', { attrs: { 'aria-label': 'method' }, on: { change: (e: Event) => update({ method: (e.target as HTMLInputElement).value }) } },
    ...app.init.methods.map((m) => el('vscode-option', { attrs: { value: m.key, ...(m.key === method ? { selected: '' } : {}) }, text: m.label })));
  const threshold = el('vscode-textfield', { attrs: { type: 'number', min: '0', step: '0.05', value: String(app.ui.threshold), 'aria-label': 'drift threshold' }, on: { change: (e: Event) => {
    const x = Number((e.target as HTMLInputElement).value);
    if (Number.isFinite(x) && x >= 0 && x <= 100) update({ threshold: x });
  } } });
  const rows = v.ids.map((id, i) => [id, v.drift[i] ?? null, v.refusal[i] ?? null] as [string, number | null, number | null]);
  const subgroupRows = v.subgroups.map((s) => el('tr', {},
    el('th', { attrs: { scope: 'row' }, text: `${s.variable} = ${s.group}` }),
    el('td', { class: 'num', text: `${s.nHuman} / ${s.n}` }),
    el('td', { class: 'num', text: fmt(s.wdMean) }),
    el('td', { class: 'num', text: `${s.lean.above} ↑ · ${s.lean.below} ↓` }),
    el('td', { class: s.lean.leans ? 'lean' : '', text: s.lean.leans ? `leans ${s.lean.leans} (${Math.round(s.lean.share * 100)} %)` : '—' })));
  setChildren(root,
    el('div', { class: 'toolbar' }, el('h2', { text: 'Drift and refusals' }), methodSelect, el('label', { text: 'threshold' }), threshold,
      tableExportButtons(app, () => `${app.init.specName}-${method}-drift`, () => toCsv(['id', 'drift', 'refusal_rate'], rows), () => v)),
    summary,
    el('div', { class: 'toolbar' }, el('h3', { text: 'Signed drift per question' }), chartExportButtons(app, () => `${app.init.specName}-${method}-drift`, () => driftBox.firstElementChild)),
    driftBox,
    el('div', { class: 'toolbar' }, el('h3', { text: 'Refusal and non-compliance rate per question' }), chartExportButtons(app, () => `${app.init.specName}-${method}-refusals`, () => refusalBox.firstElementChild)),
    refusalBox,
    v.subgroups.length > 0
      ? el('div', {}, el('h3', { text: 'Per subgroup' }), el('table', { class: 'small' },
          el('thead', {}, el('tr', {}, el('th', { text: 'group' }), el('th', { class: 'num', text: 'n human / sim' }), el('th', { class: 'num', text: 'mean WD' }), el('th', { class: 'num', text: 'drifting' }), el('th', { text: 'lean' }))),
          el('tbody', {}, ...subgroupRows)))
      : el('p', { class: 'note', text: 'No subgroup breakdown in this analysis.' }),
    el('p', { class: 'note', text: `Mean refusal rate: ${fmtPercent(meanOf(v.refusal))}.` }));
}

const meanOf = (xs: readonly (number | null)[]): number | null => {
  const d = xs.filter((x): x is number => x !== null);
  return d.length > 0 ? d.reduce((a, b) => a + b, 0) / d.length : null;
};
