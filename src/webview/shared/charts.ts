// Observable Plot under the panel's strict CSP: Plot appends a <style> to each chart, which the CSP admits only
// with the page's nonce, so every chart is stamped before it is inserted (webviews.md §1: 0 violations).
import * as Plot from '@observablehq/plot';
import { chartTheme } from './theme';

let pageNonce = '';

/** The nonce of the page's own script (read once at start-up, when `document.currentScript` is ours). */
export function initChartNonce(): void {
  const script = document.currentScript as HTMLScriptElement | null;
  pageNonce = script?.nonce ?? '';
}

/** Renders a Plot chart and stamps the nonce on its <style> elements. */
export function plot(options: Plot.PlotOptions): SVGSVGElement | HTMLElement {
  const t = chartTheme();
  const chart = Plot.plot({ style: { color: t.foreground, background: 'transparent', fontSize: '11px', fontFamily: 'var(--vscode-font-family)' }, ...options });
  for (const s of chart.querySelectorAll('style')) s.nonce = pageNonce;
  return chart;
}

/** A colour-scale legend (Plot's ramp), nonce stamped like the charts. */
export function colorRamp(color: Plot.ScaleOptions & { label?: string }): Element {
  const t = chartTheme();
  const legend = Plot.legend({ color, marginLeft: 14, marginRight: 14, width: 280, style: { color: t.foreground, background: 'transparent', fontSize: '11px' } }) as Element;
  for (const s of legend.querySelectorAll('style')) s.nonce = pageNonce;
  return legend;
}

export { Plot };

/** One entry of a chart's colour key. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The chart's colour key as HTML swatches (colours set through the CSSOM, which the CSP allows). */
export function legendElement(items: readonly LegendItem[]): HTMLElement {
  const box = document.createElement('div');
  box.className = 'legend';
  for (const item of items) {
    const entry = document.createElement('span');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = item.color;
    entry.append(swatch, document.createTextNode(item.label));
    box.append(entry);
  }
  return box;
}

/** The chart's <svg> (Plot returns the svg itself, or a figure around it). */
function chartRoot(chart: Element): SVGSVGElement | null {
  return chart instanceof SVGSVGElement ? chart : chart.querySelector(':scope > svg');
}

/** A standalone SVG document of a chart: theme colours made concrete (currentColor, the font), a background, and its colour key below it. */
export function chartSvg(chart: Element, legend: readonly LegendItem[] = []): string {
  const svg = chartRoot(chart);
  if (!svg) throw new Error('no chart to export');
  const t = chartTheme();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  if (legend.length > 0) {
    const width = Number(copy.getAttribute('width')) || 600;
    const height = Number(copy.getAttribute('height')) || 300;
    const rowHeight = 18;
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('transform', `translate(10, ${height + 6})`);
    g.setAttribute('font-size', '11');
    g.setAttribute('text-anchor', 'start');
    legend.forEach((item, i) => {
      const rect = document.createElementNS(SVG_NS, 'rect');
      rect.setAttribute('y', String(i * rowHeight));
      rect.setAttribute('width', '12');
      rect.setAttribute('height', '12');
      rect.setAttribute('fill', item.color);
      const text = document.createElementNS(SVG_NS, 'text');
      text.setAttribute('x', '18');
      text.setAttribute('y', String(i * rowHeight + 10));
      text.setAttribute('fill', t.foreground);
      text.textContent = item.label;
      g.append(rect, text);
    });
    copy.append(g);
    const total = height + 10 + legend.length * rowHeight;
    copy.setAttribute('height', String(total));
    copy.setAttribute('viewBox', `0 0 ${width} ${total}`);
  }
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('color', t.foreground);
  copy.setAttribute('font-family', getComputedStyle(document.body).fontFamily || 'sans-serif');
  copy.removeAttribute('style');
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', t.background);
  copy.insertBefore(bg, copy.firstChild);
  for (const s of copy.querySelectorAll('style')) s.removeAttribute('nonce');
  return new XMLSerializer().serializeToString(copy);
}

/** A PNG data URL of a chart at `scale` × its size (drawn from the SVG through a blob: image). */
export async function chartPng(chart: Element, legend: readonly LegendItem[] = [], scale = 2): Promise<string> {
  const svgText = chartSvg(chart, legend);
  const svg = chartRoot(chart)!;
  const width = Number(svgText.match(/<svg[^>]*?\swidth="([\d.]+)"/)?.[1]) || svg.clientWidth;
  const height = Number(svgText.match(/<svg[^>]*?\sheight="([\d.]+)"/)?.[1]) || svg.clientHeight;
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
