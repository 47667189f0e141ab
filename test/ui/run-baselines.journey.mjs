// Journey (a) of issue 9: open examples/bfi/bfi.survey.yaml, click the `Run baselines` lens (offline, no
// endpoint), the results panel opens beside the spec with the metric table, a distribution chart and a heatmap,
// and the question lenses show WD and the human bound. No CSP violation inside the webview.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { openFromExplorer, useWorkbench } from './harness.mjs';

describe('journey: run the baselines of a survey from its lens', function () {
  this.timeout(240_000);
  const wb = useWorkbench('run-baselines');
  const cspMessages = [];
  let frame;

  async function resultsFrame() {
    const { page } = wb;
    await page.locator('iframe.webview.ready').first().waitFor({ timeout: 120_000 });
    const outer = await page.locator('iframe.webview.ready').first().elementHandle();
    const inner = await (await outer.contentFrame()).locator('#active-frame').elementHandle({ timeout: 60_000 });
    const f = await inner.contentFrame();
    await f.locator('body[data-state="ready"]').waitFor({ state: 'attached', timeout: 60_000 });
    await f.evaluate(() => {
      if (window.__cspCount === undefined) {
        window.__cspCount = 0;
        document.addEventListener('securitypolicyviolation', () => { window.__cspCount++; });
      }
    });
    return f;
  }
  async function showTab(tab) {
    await frame.locator(`vscode-tab-header[data-tab="${tab}"]`).click();
    await frame.locator(`body[data-state="ready"][data-tab="${tab}"]`).waitFor({ state: 'attached', timeout: 30_000 });
  }

  it('shows Run baselines on the spec and runs it from the lens', async () => {
    const { page } = wb;
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) cspMessages.push(m.text()); });
    await openFromExplorer(page, 'bfi/bfi.survey.yaml');
    const lens = page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Run baselines$/ }).first();
    await lens.waitFor({ timeout: 60_000 });
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: /^Estimate/ }).first().waitFor();
    await wb.shot('run-lenses');
    await lens.click();
    await page.locator('.part.editor .tab', { hasText: 'Results: bfi.survey.yaml' }).first().waitFor({ timeout: 180_000 });
    const runs = path.join(wb.folder, 'bfi', 'runs', 'bfi');
    const id = readdirSync(runs).find((d) => d.endsWith('-baselines'));
    assert.ok(id, 'a baselines run folder');
    assert.equal(JSON.parse(readFileSync(path.join(runs, id, 'run.json'), 'utf8')).status, 'done');
    assert.ok(existsSync(path.join(runs, id, 'analysis.json')));
  });

  it('the panel beside the spec has the metric table, a distribution chart and a heatmap', async () => {
    frame = await resultsFrame();
    assert.ok(await frame.locator('table.metrics tbody tr').count() >= 2, 'a row per baseline (and the human bound)');
    await wb.shot('panel-metrics');
    await showTab('questions');
    assert.ok(await frame.locator('svg').count() > 0, 'a distribution chart');
    await wb.shot('panel-distribution');
    await showTab('correlations');
    assert.ok(await frame.locator('svg').count() > 0, 'a heatmap');
    await wb.shot('panel-heatmap');
    assert.equal(cspMessages.length + (await frame.evaluate(() => window.__cspCount ?? 0)), 0, cspMessages.join('\n'));
  });

  it('question lenses show WD and the human bound', async () => {
    const { page } = wb;
    await page.locator('.part.editor .tab', { hasText: 'bfi.survey.yaml' }).filter({ hasNotText: 'Results' }).first().click();
    await page.locator('.contentWidgets .codelens-decoration a', { hasText: /^WD \d\.\d\d · human \d\.\d\d · drift / }).first().waitFor({ state: 'attached', timeout: 60_000 });
    await wb.shot('question-lenses');
  });
});
