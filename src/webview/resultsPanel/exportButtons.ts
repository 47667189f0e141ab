import { chartPng, chartSvg, type LegendItem } from '../shared/charts';
import { el } from '../shared/dom';
import type { App } from './app';
import { fileStem } from './format';

/** PNG and SVG export buttons for the chart `get()` returns. */
export function chartExportButtons(app: App, name: () => string, get: () => Element | null, legend: () => readonly LegendItem[] = () => []): HTMLElement {
  const run = (format: 'png' | 'svg') => async () => {
    const chart = get();
    if (!chart) return;
    try {
      await app.save(format, `${fileStem(name())}.${format}`, format === 'svg' ? chartSvg(chart, legend()) : await chartPng(chart, legend()));
    } catch (err) {
      app.status(`Export failed: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  };
  return el('span', { class: 'exports' },
    el('vscode-button', { attrs: { secondary: '', 'data-export': 'png' }, text: 'PNG', on: { click: () => void run('png')() } }),
    el('vscode-button', { attrs: { secondary: '', 'data-export': 'svg' }, text: 'SVG', on: { click: () => void run('svg')() } }));
}

/** CSV and JSON export buttons for a table. */
export function tableExportButtons(app: App, name: () => string, csv: () => string | Promise<string>, json: () => unknown): HTMLElement {
  const save = (format: 'csv' | 'json', data: () => string | Promise<string>) => void (async () => {
    try {
      await app.save(format, `${fileStem(name())}.${format}`, await data());
    } catch (err) {
      app.status(`Export failed: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  })();
  return el('span', { class: 'exports' },
    el('vscode-button', { attrs: { secondary: '', 'data-export': 'csv' }, text: 'CSV', on: { click: () => save('csv', csv) } }),
    el('vscode-button', { attrs: { secondary: '', 'data-export': 'json' }, text: 'JSON', on: { click: () => save('json', async () => `${JSON.stringify(await json(), null, 2)}\n`) } }));
}
