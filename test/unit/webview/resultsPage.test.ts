import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisReport } from '../../../src/core/pipelines/analysis/analysisReport';
import { bfiAnalysis } from '../../fixtures/analysis/bfiAnalysis';
import { openResultsPage, type PageHarness, type ThemeKind } from '../../webview/resultsPageHarness';

const root = path.join(__dirname, '..', '..', '..');
const shots = path.join(root, 'test-results', 'webview');

describe('results page in headless chromium under the production CSP (bfi fixture)', function () {
  this.timeout(120_000);
  let report: AnalysisReport;
  before(() => {
    if (!existsSync(path.join(root, 'dist/webview/resultsPanel.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root });
    mkdirSync(shots, { recursive: true });
    report = bfiAnalysis({ replicates: 20, splits: 10 });
  });

  for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast'] as ThemeKind[]) {
    it(`renders every tab with 0 CSP violations (${theme})`, async () => {
      let h: PageHarness | undefined;
      try {
        h = await openResultsPage(report, { theme });
        const { page } = h;
        await h.ready('metrics');
        assert.equal(await page.locator('table.metrics tbody tr').count(), 3, 'two methods and the human bound row');
        assert.equal(await page.locator('td.best').count() >= 2, true, 'best values are marked');
        assert.equal(await page.locator('.warning[data-lean="drifted-sim"]').count(), 1, 'the one-sided drift warning');
        await page.screenshot({ path: path.join(shots, `results-metrics-${theme}.png`) });
        assert.equal(await page.locator('vscode-tab-header[data-tab="outcomes"]').count(), 0, 'no Outcomes tab without outcome studies');
        for (const tab of ['questions', 'personas', 'correlations', 'drift', 'compare']) {
          await page.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
          await h.ready(tab);
          await page.screenshot({ path: path.join(shots, `results-${tab}-${theme}.png`) });
        }
        await page.locator('vscode-tab-header[data-tab="questions"]').click();
        await h.ready('questions');
        assert.equal(await page.locator('table.questions tbody tr').count(), 25);
        assert.ok(await page.locator('.detail svg').count() >= 1, 'a distribution chart');
        // question text from the spec arrives as text: a "<b>" in it would show literally (textContent)
        assert.equal(await page.locator('.detail b').count(), 0);
        assert.deepEqual(await h.violations(), []);
      } finally {
        await h?.close();
      }
    });
  }

  it('exports a chart as SVG (theme colours resolved, colour key included) and PNG, and tables as CSV', async () => {
    const h = await openResultsPage(report, { theme: 'vscode-light' });
    try {
      await h.ready('metrics');
      await h.page.locator('[data-panel="metrics"] vscode-button[data-export="csv"]').click();
      await h.page.locator('vscode-tab-header[data-tab="questions"]').click();
      await h.ready('questions');
      await h.page.locator('.detail vscode-button[data-export="svg"]').click();
      await h.page.locator('.detail vscode-button[data-export="png"]').click();
      const deadline = Date.now() + 20_000;
      while (h.saved.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const [csv, svg, png] = h.saved;
      assert.equal(csv?.format, 'csv');
      assert.match(csv!.data, /^method,kind,n,mean WD,mean WD low,mean WD high,/);
      assert.match(csv!.data, /\r\nhuman split-half bound,human,2800,/);
      assert.equal(svg?.format, 'svg');
      assert.match(svg!.data, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      assert.doesNotMatch(svg!.data, /var\(--/, 'theme variables are resolved in the file');
      for (const label of ['uniform', 'drifted-sim']) assert.ok(svg!.data.includes(`>${label}`), `the colour key names ${label}`);
      assert.equal(png?.format, 'png');
      const bytes = Buffer.from(png!.data.replace(/^data:image\/png;base64,/, ''), 'base64');
      assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
      assert.deepEqual(await h.violations(), []);
    } finally {
      await h.close();
    }
  });

  it('shows markup in model- or spec-written text as text, never as HTML', async () => {
    const hostile = { ...report, survey: { ...report.survey, name: '<img src=x onerror="document.body.dataset.pwned=1">', questions: report.survey.questions.map((q, i) => (i === 0 ? { ...q, text: '<script>document.body.dataset.pwned=1</script><b>bold</b>' } : q)) } };
    const h = await openResultsPage(hostile);
    try {
      await h.ready('metrics');
      assert.equal(await h.page.locator('h1').innerText(), hostile.survey.name);
      await h.page.locator('vscode-tab-header[data-tab="questions"]').click();
      await h.ready('questions');
      assert.equal(await h.page.locator(`table.questions tbody tr[data-id="${hostile.survey.questions[0]!.id}"] td.text`).innerText(), hostile.survey.questions[0]!.text);
      assert.equal(await h.page.evaluate('document.body.dataset.pwned'), undefined);
      assert.equal(await h.page.locator('table.questions b, img[src="x"]').count(), 0);
    } finally {
      await h.close();
    }
  });
});
