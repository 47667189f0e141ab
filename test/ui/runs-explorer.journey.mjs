// Journey (issue 9, done-when d): the runs explorer in the Persona Studio activity bar lists each survey
// spec's runs with their facts (status, method, model, date, calls, cost, mean WD) and the reason a run.json
// cannot be read; a run written while the view is open appears by itself; two selected runs are compared in the
// results panel's Compare tab (personaStudio.compareRuns), with no CSP violation inside the webview.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../scripts/host/lib.mjs';
import { lowContrastText, useWorkbench } from './harness.mjs';

const record = (id, createdAt, wd, model) => ({
  schema: 'persona-studio/run@1', id, kind: model ? 'simulation' : 'baselines', method: model ? 'anthology-greedy' : 'uniform', status: 'done',
  createdAt, updatedAt: createdAt, surveySpec: { path: '../../../bfi.survey.yaml', hash: 'x' }, seeds: {}, stages: {},
  ...(model ? { model } : {}),
  totals: { calls: model ? 70000 : 0, promptTokens: 0, completionTokens: 0, costUsd: model ? 12.5 : null },
  summary: { wd_mean: wd, frobenius: 1.2, n: 2800 },
});

describe('journey: the runs explorer', function () {
  this.timeout(120_000);
  const wb = useWorkbench('runs-explorer');
  let runs;
  const writeRun = (id, rec, analysis = true) => {
    mkdirSync(path.join(runs, id), { recursive: true });
    writeFileSync(path.join(runs, id, 'run.json'), typeof rec === 'string' ? rec : JSON.stringify(rec));
    if (analysis) writeFileSync(path.join(runs, id, 'analysis.json'), `${JSON.stringify({ run: id }, null, 2)}\n`);
  };
  const rows = () => wb.page.locator('.pane-body .monaco-list-row');
  /** A real analysis.json (the bfi analysis fixture) for a run; its run.json is then replaced by the journey's. */
  const writeAnalysis = (id, rec) => execFileSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/fixtures/analysis/writeBfiRun.ts'), wb.folder, id, '--method', rec.method, '--model', rec.model, '--created', rec.createdAt], { cwd: repoRoot, stdio: 'pipe' });
  const cspMessages = [];

  before(() => {
    runs = path.join(wb.folder, 'bfi', 'runs', 'bfi');
    writeRun('20261130-120000-uniform', record('20261130-120000-uniform', '2026-11-30T12:00:00Z', 0.9321));
    const greedy70 = record('20261201-090000-anthology-greedy', '2026-12-01T09:00:00Z', 0.2134, 'meta-llama/Meta-Llama-3-70B');
    writeAnalysis(greedy70.id, greedy70);
    writeRun(greedy70.id, greedy70, false);
    writeRun('20261201-100000-broken', '{"schema": ', false);
  });

  /** The results page's frame (webview iframe → #active-frame), with a CSP violation counter installed. */
  async function resultsFrame() {
    const { page } = wb;
    await page.locator('iframe.webview.ready').first().waitFor({ timeout: 60_000 });
    const outer = await page.locator('iframe.webview.ready').first().elementHandle();
    const inner = await (await outer.contentFrame()).locator('#active-frame').elementHandle({ timeout: 60_000 });
    const f = await inner.contentFrame();
    await f.locator('body[data-state]').waitFor({ state: 'attached', timeout: 60_000 });
    await f.evaluate(() => {
      if (window.__cspCount === undefined) {
        window.__cspCount = 0;
        document.addEventListener('securitypolicyviolation', () => { window.__cspCount++; });
      }
    });
    return f;
  }

  it('lists the specs and their runs with status, model, date, calls, cost, mean WD, and an unreadable run.json', async () => {
    const { page } = wb;
    page.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) cspMessages.push(m.text()); });
    await page.locator('.part.activitybar [aria-label*="Persona Studio"]').first().click();
    const sim = rows().filter({ hasText: '2026-12-01 09:00' });
    await sim.first().waitFor({ timeout: 30_000 });
    const simText = (await sim.first().innerText()).replace(/\s+/g, ' ');
    assert.match(simText, /done · meta-llama\/Meta-Llama-3-70B · 2026-12-01 09:00 · 70,000 calls · \$12\.50 · WD 0\.213/);
    const base = (await rows().filter({ hasText: '2026-11-30 12:00' }).first().innerText()).replace(/\s+/g, ' ');
    assert.match(base, /done · 2026-11-30 12:00 · 0 calls · WD 0\.932/);
    await rows().filter({ hasText: '20261201-100000-broken' }).filter({ hasText: 'unreadable run.json: not valid JSON' }).first().waitFor();
    await rows().filter({ hasText: 'bfi.survey.yaml' }).filter({ hasText: '2 runs · 1 unreadable' }).first().waitFor();
    await wb.shot('runs-listed');
  });

  it('shows a run that appears while the view is open (file watcher on run.json)', async () => {
    const greedy8 = record('20261201-110000-anthology-greedy', '2026-12-01T11:00:00Z', 0.1987, 'meta-llama/Meta-Llama-3-8B');
    writeAnalysis(greedy8.id, greedy8);
    writeRun(greedy8.id, greedy8, false);
    await rows().filter({ hasText: '2026-12-01 11:00' }).filter({ hasText: 'WD 0.199' }).first().waitFor({ timeout: 20_000 });
  });

  it('compares two selected runs', async () => {
    const { page } = wb;
    const a = rows().filter({ hasText: '2026-12-01 11:00' }).first();
    const b = rows().filter({ hasText: '2026-12-01 09:00' }).first();
    await a.click();
    await b.click({ modifiers: ['Control'] });
    await b.click({ button: 'right' });
    const item = page.locator('.context-view .action-item', { hasText: 'Compare Selected Runs' }).first();
    await item.waitFor({ timeout: 10_000 });
    await item.hover();
    await item.click();
    // A toast that lands as the menu opens can swallow the click: the item is then still highlighted.
    if (await page.locator('.context-view .monaco-menu').isVisible().catch(() => false)) await page.keyboard.press('Enter');
    // personaStudio.compareRuns: the results panel of their spec opens on the first run, Compare tab, both runs side by side
    await page.locator('.part.editor .tab', { hasText: 'Results: bfi.survey.yaml' }).first().waitFor({ timeout: 30_000 });
    const frame = await resultsFrame();
    await frame.locator('body[data-state="ready"][data-tab="compare"]').waitFor({ state: 'attached', timeout: 60_000 });
    await frame.locator('table.runs-compare tr.run-head').nth(1).waitFor({ timeout: 30_000 });
    const heads = (await frame.locator('table.runs-compare tr.run-head').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    assert.equal(heads.length, 2, heads.join(' | '));
    // labelled by method, model and date; the first selected run is the panel's own
    assert.ok(heads.some((h) => /anthology-greedy · meta-llama\/Meta-Llama-3-8B · 2026-12-01 11:00 .*20261201-110000-anthology-greedy/.test(h)), heads.join(' | '));
    assert.ok(heads.some((h) => /anthology-greedy · meta-llama\/Meta-Llama-3-70B · 2026-12-01 09:00 .*20261201-090000-anthology-greedy/.test(h)), heads.join(' | '));
    assert.equal(heads.filter((h) => h.includes('this run')).length, 1);
    assert.equal(await frame.locator('table.runs-compare tr.bound').count(), 2, 'each run’s human bound');
    assert.ok(await frame.locator('[data-chart="runs"] svg').count() > 0, 'the mean WD chart');
    assert.deepEqual(await lowContrastText(frame.locator('body'), 4.5), [], 'every text of the comparison readable (WCAG AA)');
    assert.equal(cspMessages.length + await frame.evaluate(() => window.__cspCount ?? 0), 0, cspMessages.join('\n'));
    await wb.shot('runs-compared');
  });
});
