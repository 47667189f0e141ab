import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bfiAnalysis } from '../test/fixtures/analysis/bfiAnalysis';
import { tiledAnalysis } from '../test/fixtures/analysis/largeAnalysis';
import { openResultsPage } from '../test/webview/resultsPageHarness';
import type { BenchResult, BenchSuite } from './benchTypes';

/**
 * The results panel's first complete render for a 2,000-question analysis (goal ≤ 1 s): the built page
 * (dist/webview/resultsPanel.js) in headless Debian chromium under the production CSP, its host side the real
 * request handler (test/webview/resultsPageHarness.ts). Measured from navigation start to the metrics tab
 * rendered (the page marks `data-state="ready"`), in a fresh browser each run; also the first render of the
 * questions tab (a page of 50 rows + one distribution chart) and of the correlations tab (60 × 60 window).
 */
export const resultsPanelSuite: BenchSuite = {
  name: 'resultsPanel',
  async run({ quick, log }) {
    const root = process.cwd();
    if (!existsSync(path.join(root, 'dist/webview/resultsPanel.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root });
    const n = 2000;
    const report = tiledAnalysis(bfiAnalysis({ root, replicates: 20, splits: 10 }), n);
    const runs = quick ? 2 : 5;
    const first: number[] = [];
    const questions: number[] = [];
    const correlations: number[] = [];
    for (let r = 0; r < runs; r++) {
      const h = await openResultsPage(report);
      try {
        first.push(await h.ready('metrics'));
        for (const [tab, into] of [['questions', questions], ['correlations', correlations]] as const) {
          await h.page.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
          await h.ready(tab);
          into.push(Number(await h.page.locator('body').getAttribute('data-render-ms')));
        }
        const v = await h.violations();
        if (v.length > 0) throw new Error(`CSP violations: ${v.join(', ')}`);
      } finally {
        await h.close();
      }
    }
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    log(`${n} questions: first render ${median(first).toFixed(0)} ms; questions tab ${median(questions).toFixed(0)} ms; correlations tab ${median(correlations).toFixed(0)} ms`);
    const out: Record<string, BenchResult> = {
      results_panel_first_render_2000q: { median_s: median(first) / 1000, runs, questions: n, goal_s: 1 },
      results_panel_questions_tab_2000q: { median_s: median(questions) / 1000, runs, questions: n },
      results_panel_correlations_tab_2000q: { median_s: median(correlations) / 1000, runs, questions: n },
    };
    return out;
  },
};
