import { toCsv } from '../../core/results/toCsv';
import type { QuestionDetail, QuestionPage, QuestionSortKey } from '../../protocol/resultsPanel';
import { legendElement, Plot, plot, type LegendItem } from '../shared/charts';
import { el } from '../shared/dom';
import { chartTheme } from '../shared/theme';
import type { App } from './app';
import { chartExportButtons, tableExportButtons } from './exportButtons';
import { fmt, fmtPercent, fmtSigned } from './format';

export const PAGE_SIZE = 50;

/** The colour of each series with shares: the human one, then the theme's chart colours in order. */
export function seriesLegend(d: QuestionDetail): LegendItem[] {
  const t = chartTheme();
  return d.series.filter((s) => s.shares !== null).map((s, i) => ({ label: s.label, color: s.kind === 'human' ? t.human : t.series[(i - 1) % t.series.length]! }));
}

/** Grouped bars: each answer option, the human share next to every method's share. */
export function distributionChart(d: QuestionDetail, width: number): SVGSVGElement | HTMLElement {
  const t = chartTheme();
  const series = d.series.filter((s) => s.shares !== null);
  const colors = seriesLegend(d).map((l) => l.color);
  const data = series.flatMap((s) => s.shares!.map((share, k) => ({ option: `${d.codes[k]} ${d.options[k] ?? ''}`.trim(), series: s.key, label: s.label, share })));
  return plot({
    width: Math.max(360, width),
    height: 300,
    marginBottom: 70,
    fx: { label: null, domain: d.options.map((o, k) => `${d.codes[k]} ${o}`.trim()), tickRotate: -20, padding: 0.15 },
    x: { axis: null, domain: series.map((s) => s.key), paddingInner: 0.08 },
    y: { label: 'share of answers (%)', percent: true, grid: true },
    color: { domain: series.map((s) => s.key), range: colors },
    marks: [
      Plot.barY(data, { fx: 'option', x: 'series', y: 'share', fill: 'series', title: (p: { label: string; share: number; option: string }) => `${p.label}\n${p.option}: ${(p.share * 100).toFixed(1)} %` }),
      Plot.ruleY([0], { stroke: t.grid }),
    ],
  });
}

export function renderQuestions(app: App, root: HTMLElement): Promise<void> {
  const method = app.ui.method ?? app.init.methods[0]?.key ?? '';
  const list = el('tbody');
  const pager = el('span', { class: 'pager' });
  const detail = el('div', { class: 'detail', attrs: { 'aria-live': 'polite' } });
  let page: QuestionPage | undefined;

  const sortHeader = (key: QuestionSortKey, text: string): HTMLElement => {
    const active = app.ui.sortBy === key;
    return el('th', { class: 'num sortable', attrs: { 'aria-sort': active ? (app.ui.descending ? 'descending' : 'ascending') : 'none', tabindex: '0', 'data-sort': key }, on: {
      click: () => void change({ sortBy: key, descending: active ? !app.ui.descending : true, offset: 0 }),
      keydown: (e: KeyboardEvent) => { if (e.key === 'Enter') void change({ sortBy: key, descending: active ? !app.ui.descending : true, offset: 0 }); },
    } }, text, active ? (app.ui.descending ? ' ▼' : ' ▲') : '');
  };
  const change = async (patch: Parameters<App['update']>[0]): Promise<void> => {
    app.update(patch);
    await renderQuestions(app, root);
  };

  const showDetail = async (id: string): Promise<void> => {
    const d = await app.rpc.request('question/detail', { id, ...(app.ui.compare.length > 0 ? { methods: app.ui.compare } : {}) });
    const chartBox = el('div', { class: 'chart' });
    const stats = el('table', { class: 'small' },
      el('thead', {}, el('tr', {}, el('th', { text: 'series' }), el('th', { class: 'num', text: 'WD' }), el('th', { class: 'num', text: 'drift' }), el('th', { class: 'num', text: 'refusal' }))),
      el('tbody', {}, ...d.series.map((s) => el('tr', {}, el('th', { attrs: { scope: 'row' }, text: s.label }), el('td', { class: 'num', text: s.kind === 'human' ? `bound ${fmt(d.bound)}` : fmt(s.wd) }), el('td', { class: 'num', text: fmtSigned(s.drift) }), el('td', { class: 'num', text: fmtPercent(s.refusal) })))));
    detail.replaceChildren(
      el('div', { class: 'toolbar' },
        el('h3', {}, el('a', { attrs: { href: '#', 'data-reveal': d.id }, text: d.id, title: 'Reveal in the spec', on: { click: (e: Event) => { e.preventDefault(); void app.rpc.request('reveal', { id: d.id }); } } })),
        chartExportButtons(app, () => `${app.init.specName}-${d.id}-distribution`, () => chartBox.firstElementChild, () => seriesLegend(d))),
      el('p', { class: 'question-text', text: d.text }),
      legendElement(seriesLegend(d)),
      chartBox,
      stats);
    chartBox.append(distributionChart(d, Math.min(760, (root.clientWidth || 800) - 20)));
  };

  const select = async (id: string, reveal: boolean): Promise<void> => {
    app.update({ question: id });
    for (const tr of list.querySelectorAll('tr')) tr.classList.toggle('selected', tr.dataset.id === id);
    if (reveal) void app.rpc.request('reveal', { id }).catch(() => undefined);
    await showDetail(id);
  };

  const load = async (): Promise<void> => {
    page = await app.rpc.request('questions/page', { method, sortBy: app.ui.sortBy, descending: app.ui.descending, filter: app.ui.filter, offset: app.ui.offset, limit: PAGE_SIZE });
    list.replaceChildren(...page.rows.map((r) => el('tr', { attrs: { 'data-id': r.id, tabindex: '0' }, class: r.id === app.ui.question ? 'selected' : '', on: {
      click: () => void select(r.id, true),
      keydown: (e: KeyboardEvent) => { if (e.key === 'Enter') void select(r.id, true); },
    } },
      el('th', { attrs: { scope: 'row' }, text: r.id }),
      el('td', { class: 'text', text: r.text }),
      r.wd !== null && r.bound !== null && r.wd <= r.bound
        ? el('td', { class: 'num within', title: 'Within the human split-half bound', text: fmt(r.wd) })
        : el('td', { class: 'num', text: fmt(r.wd) }),
      el('td', { class: 'num', text: fmt(r.bound) }),
      el('td', { class: 'num', text: fmtSigned(r.drift) }),
      el('td', { class: 'num', text: fmtPercent(r.refusal) }))));
    const last = Math.min(page.total, page.offset + page.rows.length);
    pager.replaceChildren(
      el('vscode-button', { attrs: { secondary: '', ...(page.offset === 0 ? { disabled: '' } : {}) }, text: '‹ Previous', on: { click: () => void change({ offset: Math.max(0, app.ui.offset - PAGE_SIZE) }) } }),
      el('span', { class: 'count', text: page.total === 0 ? 'no questions' : `${page.offset + 1}–${last} of ${page.total}` }),
      el('vscode-button', { attrs: { secondary: '', ...(last >= page.total ? { disabled: '' } : {}) }, text: 'Next ›', on: { click: () => void change({ offset: app.ui.offset + PAGE_SIZE }) } }));
  };

  const methodSelect = el('vscode-single-select', { attrs: { 'aria-label': 'method' }, on: { change: (e: Event) => void change({ method: (e.target as HTMLInputElement).value, offset: 0 }) } },
    ...app.init.methods.map((m) => el('vscode-option', { attrs: { value: m.key, ...(m.key === method ? { selected: '' } : {}) }, text: m.label })));
  const filter = el('vscode-textfield', { attrs: { placeholder: 'Filter by id or text', value: app.ui.filter, 'aria-label': 'filter questions' }, on: { change: (e: Event) => void change({ filter: (e.target as HTMLInputElement).value, offset: 0 }) } });
  /** Every row (paged from the host, 500 at a time), for CSV and JSON export. */
  const allRows = async (): Promise<QuestionPage['rows'][number][]> => {
    const rows: QuestionPage['rows'][number][] = [];
    for (let offset = 0; ; offset += 500) {
      const p = await app.rpc.request('questions/page', { method, sortBy: app.ui.sortBy, descending: app.ui.descending, filter: app.ui.filter, offset, limit: 500 });
      rows.push(...p.rows);
      if (p.rows.length === 0 || rows.length >= p.total) return rows;
    }
  };
  root.replaceChildren(
    el('div', { class: 'toolbar' }, el('h2', { text: 'Questions' }), methodSelect, filter, pager,
      tableExportButtons(app, () => `${app.init.specName}-${method}-questions`,
        async () => toCsv(['id', 'text', 'wd', 'bound', 'drift', 'refusal_rate'], (await allRows()).map((r) => [r.id, r.text, r.wd, r.bound, r.drift, r.refusal])), allRows)),
    el('div', { class: 'split' },
      el('div', { class: 'list' }, el('table', { class: 'questions' },
        el('thead', {}, el('tr', {}, sortHeader('order', 'id'), el('th', { text: 'question' }), sortHeader('wd', 'WD'), el('th', { class: 'num', text: 'bound', title: 'human split-half WD' }), sortHeader('drift', 'drift'), sortHeader('refusal', 'refusal'))),
        list)),
      detail));
  return load().then(async () => {
    const first = app.ui.question ?? page?.rows[0]?.id;
    if (first) await select(first, false);
  });
}
