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

export { Plot };

/** A standalone SVG document of a chart: theme colours made concrete (currentColor, the font) and a background. */
export function chartSvg(chart: Element): string {
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector('svg');
  if (!svg) throw new Error('no chart to export');
  const t = chartTheme();
  const copy = svg.cloneNode(true) as SVGSVGElement;
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
export async function chartPng(chart: Element, scale = 2): Promise<string> {
  const svgText = chartSvg(chart);
  const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector('svg')!;
  const width = Number(svg.getAttribute('width')) || svg.clientWidth;
  const height = Number(svg.getAttribute('height')) || svg.clientHeight;
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
