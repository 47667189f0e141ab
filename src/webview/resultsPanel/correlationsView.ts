import type { CorrelationView } from '../../protocol/resultsPanel';
import { colorRamp, Plot, plot } from '../shared/charts';
import { el, setChildren } from '../shared/dom';
import { chartTheme } from '../shared/theme';
import type { App, UiPatch } from './app';
import { chartExportButtons } from './exportButtons';

/** One correlation heatmap on a diverging scale built from the theme's colours. */
export function heatmap(ids: readonly string[], matrix: readonly (readonly (number | null)[])[], title: string, domain: number): SVGSVGElement | HTMLElement {
  const t = chartTheme();
  const cells = matrix.flatMap((row, i) => row.map((r, j) => ({ a: ids[i]!, b: ids[j]!, r })));
  const size = Math.max(220, Math.min(420, 14 * ids.length + 60));
  return plot({
    width: size,
    height: size,
    marginLeft: 50,
    marginBottom: 40,
    padding: 0,
    ariaLabel: title,
    x: { domain: [...ids], label: null, tickRotate: -90, axis: ids.length > 40 ? null : 'bottom' },
    y: { domain: [...ids], label: null, axis: ids.length > 40 ? null : 'left' },
    color: { type: 'linear', domain: [-domain, 0, domain], range: [t.negative, t.background, t.positive], clamp: true, unknown: t.grid },
    marks: [Plot.cell(cells, { x: 'a', y: 'b', fill: 'r', inset: 0.25, title: (c: { a: string; b: string; r: number | null }) => `${c.a} × ${c.b}: ${c.r === null ? 'not computed' : c.r.toFixed(3)}` })],
  });
}

function ramp(label: string, d: number): Element {
  const t = chartTheme();
  return colorRamp({ type: 'linear', domain: [-d, 0, d], range: [t.negative, t.background, t.positive], label, ticks: 5 });
}

export async function renderCorrelations(app: App, root: HTMLElement): Promise<void> {
  const method = app.ui.method ?? app.init.methods[0]?.key ?? '';
  const view: CorrelationView = await app.rpc.request('correlation', { method, ...(app.ui.scale ? { scale: app.ui.scale } : {}), offset: app.ui.corrOffset });
  const label = app.init.methods.find((m) => m.key === method)?.label ?? method;
  const boxes = [
    { key: 'human', title: 'human', matrix: view.human, domain: 1 },
    { key: 'simulated', title: label, matrix: view.simulated, domain: 1 },
    { key: 'difference', title: `difference (${label} − human)`, matrix: view.difference, domain: 0.5 },
  ].map((m) => {
    const box = el('div', { class: 'chart', attrs: { 'data-heatmap': m.key } });
    box.append(heatmap(view.ids, m.matrix, m.title, m.domain));
    return el('figure', {}, el('div', { class: 'toolbar' }, el('figcaption', { text: m.title }), chartExportButtons(app, () => `${app.init.specName}-${method}-correlation-${m.key}`, () => box.firstElementChild)), box);
  });
  const update = (patch: UiPatch) => {
    app.update(patch);
    void renderCorrelations(app, root);
  };
  const methodSelect = el('vscode-single-select', { attrs: { 'aria-label': 'method' }, on: { change: (e: Event) => update({ method: (e.target as HTMLInputElement).value }) } },
    ...app.init.methods.map((m) => el('vscode-option', { attrs: { value: m.key, ...(m.key === method ? { selected: '' } : {}) }, text: m.label })));
  const scaleSelect = el('vscode-single-select', { attrs: { 'aria-label': 'items' }, on: { change: (e: Event) => { const v = (e.target as HTMLInputElement).value; update({ scale: v === '' ? undefined : v, corrOffset: 0 }); } } },
    el('vscode-option', { attrs: { value: '', ...(app.ui.scale ? {} : { selected: '' }) }, text: 'all questions' }),
    ...app.init.scales.map((s) => el('vscode-option', { attrs: { value: s, ...(s === app.ui.scale ? { selected: '' } : {}) }, text: `scale ${s}` })));
  const windowNote = view.total > view.ids.length
    ? el('span', { class: 'pager' },
        el('vscode-button', { attrs: { secondary: '', ...(view.offset === 0 ? { disabled: '' } : {}) }, text: '‹', on: { click: () => update({ corrOffset: Math.max(0, view.offset - view.ids.length) }) } }),
        el('span', { class: 'count', text: `items ${view.offset + 1}–${view.offset + view.ids.length} of ${view.total}` }),
        el('vscode-button', { attrs: { secondary: '', ...(view.offset + view.ids.length >= view.total ? { disabled: '' } : {}) }, text: '›', on: { click: () => update({ corrOffset: view.offset + view.ids.length }) } }))
    : null;
  setChildren(root,
    el('div', { class: 'toolbar' }, el('h2', { text: 'Correlations' }), methodSelect, scaleSelect, windowNote),
    el('p', { class: 'note', text: 'Pairwise-complete Pearson correlations. Blue negative, red positive; the difference map uses ±0.5 for full colour. Grey cells could not be computed.' }),
    el('div', { class: 'legend' }, ramp('correlation r', 1), ramp('difference', 0.5)),
    el('div', { class: 'heatmaps' }, ...boxes));
}
