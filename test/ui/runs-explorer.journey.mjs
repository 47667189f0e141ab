// Journey (issue 9, done-when d): the runs explorer in the Persona Studio activity bar lists each survey
// spec's runs with their facts (status, method, model, date, calls, cost, mean WD) and the reason a run.json
// cannot be read; a run written while the view is open appears by itself; two selected runs are compared.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { useWorkbench } from './harness.mjs';

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

  before(() => {
    runs = path.join(wb.folder, 'bfi', 'runs', 'bfi');
    writeRun('20261130-120000-uniform', record('20261130-120000-uniform', '2026-11-30T12:00:00Z', 0.9321));
    writeRun('20261201-090000-anthology-greedy', record('20261201-090000-anthology-greedy', '2026-12-01T09:00:00Z', 0.2134, 'meta-llama/Meta-Llama-3-70B'));
    writeRun('20261201-100000-broken', '{"schema": ', false);
  });

  it('lists the specs and their runs with status, model, date, calls, cost, mean WD, and an unreadable run.json', async () => {
    const { page } = wb;
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
    writeRun('20261201-110000-anthology-greedy', record('20261201-110000-anthology-greedy', '2026-12-01T11:00:00Z', 0.1987, 'meta-llama/Meta-Llama-3-8B'));
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
    // Without the results panel's comparison command, the two analysis.json open side by side.
    const tab = page.locator('.part.editor .tabs-container .tab.active', { hasText: '20261201-110000-anthology-greedy ↔ 20261201-090000-anthology-greedy' });
    await tab.first().waitFor({ timeout: 20_000 });
    await page.locator('.part.editor .monaco-diff-editor').first().waitFor();
    await wb.shot('runs-compared');
  });
});
