// Loads the built results page (dist/webview/resultsPanel.js) in headless Debian chromium under the production
// CSP from webviewHtml(), with a stand-in for the webview API whose host side is the real request handler over
// a report. Counts `securitypolicyviolation` events. Used by the page test and the bench; not a VS Code host.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { AnalysisReport } from '../../src/core/pipelines/analysis/analysisReport';
import { ResultsError } from '../../src/core/results/resultsError';
import { handleResultsMessage, type ResultsHostActions } from '../../src/extension/webviews/results/resultsHandler';
import { createNonce, webviewHtml } from '../../src/extension/webviews/webviewHtml';

const root = path.join(__dirname, '..', '..');
const ORIGIN = 'https://webview.test';

export type ThemeKind = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';

export interface PageHarness {
  readonly page: Page;
  violations(): Promise<string[]>;
  /** The page's last setState (what the serializer would restore after a reload). */
  savedState(): Promise<unknown>;
  /** What the page asked the host to save (format, name, data). */
  readonly saved: { format: string; name: string; data: string }[];
  /** Waits until the page reports the current tab rendered; returns ms from navigation (performance.now()). */
  ready(tab?: string): Promise<number>;
  close(): Promise<void>;
}

export async function openResultsPage(report: AnalysisReport, options: { theme?: ThemeKind; width?: number; actions?: Partial<ResultsHostActions> } = {}): Promise<PageHarness> {
  const browser: Browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  const page = await browser.newPage({ viewport: { width: options.width ?? 1200, height: 900 } });
  const nonce = createNonce();
  const html = webviewHtml({ title: 'Results', cspSource: ORIGIN, nonce, scripts: [`${ORIGIN}/dist/webview/resultsPanel.js`], styles: [`${ORIGIN}/test/webview/themes.css`, `${ORIGIN}/dist/webview/resultsPanel.css`] })
    .replace('<body data-state="loading">', `<body class="${options.theme ?? 'vscode-dark'}" data-state="loading">`);
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = path.join(root, url.pathname);
    if (!file.startsWith(root)) return route.abort();
    return route.fulfill({ contentType: file.endsWith('.css') ? 'text/css' : 'text/javascript', body: readFileSync(file) });
  });
  const src = { spec: 'file:///work/bfi.survey.yaml', specName: 'bfi.survey.yaml', runId: '20261201-120000-fixture', report };
  const saved: { format: string; name: string; data: string }[] = [];
  const none = async (): Promise<never> => { throw new ResultsError('no-personas', 'this page test gives no personas'); };
  const actions: ResultsHostActions = {
    reveal: async () => true, save: async (format: string, name: string, data: string) => { saved.push({ format, name, data }); return true; }, state: () => undefined,
    personas: none, showBackstory: async () => false, comparison: async () => ({ runs: [] }), addRun: async () => ({ runs: [] }), removeRun: async () => ({ runs: [] }),
    ...options.actions,
  };
  await page.exposeFunction('__host', async (msg: unknown) => handleResultsMessage(() => src, actions, msg));
  // A string, not a function: tsx would wrap a function's inner names in a helper the page does not have.
  await page.addInitScript(`
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    let state;
    window.acquireVsCodeApi = () => ({
      postMessage: (m) => void window.__host(m).then((reply) => reply && window.postMessage(reply, '*')),
      getState: () => state,
      setState: (s) => { state = s; window.__savedState = JSON.parse(JSON.stringify(s)); },
    });
  `);
  await page.goto(`${ORIGIN}/index.html`);
  return {
    page,
    saved,
    violations: () => page.evaluate('window.__violations') as Promise<string[]>,
    savedState: () => page.evaluate('window.__savedState'),
    async ready(tab) {
      // a selector, not a predicate: a string predicate would be eval'd in the page, which its CSP forbids
      await page.locator(`body[data-state="ready"]${tab ? `[data-tab="${tab}"]` : ''}`).waitFor({ state: 'attached', timeout: 60_000 });
      return page.evaluate('performance.now()') as Promise<number>;
    },
    close: () => browser.close(),
  };
}
