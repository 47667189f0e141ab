// The Personas, Outcomes and run-comparison views of the results page, in headless chromium under the
// production CSP, answered by the real request handler (see test/webview/resultsPageHarness.ts).
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import type { AnalysisReport } from '../../../src/core/pipelines/analysis/analysisReport';
import { outcomeStudy } from '../../../src/core/pipelines/outcomes/outcomeStudy';
import { loadPersonaAnswers } from '../../../src/core/results/loadPersonaAnswers';
import { metricTable } from '../../../src/core/results/metricTable';
import type { PersonaAnswersData } from '../../../src/core/results/personaAnswers';
import type { RunComparison } from '../../../src/protocol/resultsPanel';
import { writeBfiRunFolder } from '../../fixtures/analysis/bfiRunFolder';
import { openResultsPage } from '../../webview/resultsPageHarness';

const root = path.join(__dirname, '..', '..', '..');
const shots = path.join(root, 'test-results', 'webview');

describe('results page: personas, outcomes and run comparison (headless chromium, production CSP)', function () {
  this.timeout(120_000);
  let folder: string;
  let report: AnalysisReport;
  before(() => {
    if (!existsSync(path.join(root, 'dist/webview/resultsPanel.js'))) execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root });
    mkdirSync(shots, { recursive: true });
    folder = mkdtempSync(path.join(os.tmpdir(), 'ps-page-'));
    for (const d of ['bfi', 'data', 'personas']) mkdirSync(path.join(folder, d));
    copyFileSync(path.join(root, 'examples/bfi/bfi.survey.yaml'), path.join(folder, 'bfi/bfi.survey.yaml'));
    copyFileSync(path.join(root, 'examples/data/bfi.csv'), path.join(folder, 'data/bfi.csv'));
    copyFileSync(path.join(root, 'examples/personas/us-adults.persona.yaml'), path.join(folder, 'personas/us-adults.persona.yaml'));
    const dir = writeBfiRunFolder(folder, { personas: true, replicates: 10, splits: 4 });
    report = JSON.parse(readFileSync(path.join(dir, 'analysis.json'), 'utf8')) as AnalysisReport;
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('lists the personas, shows one’s answers beside its human’s and opens its backstory', async () => {
    const opened: string[] = [];
    const h = await openResultsPage(report, { actions: {
      personas: (m, rel) => loadPersonaAnswers(m, path.resolve(folder, 'bfi', rel)),
      showBackstory: async (_file, id) => { opened.push(id); return true; },
    } });
    try {
      await h.ready('metrics');
      await h.page.locator('vscode-tab-header[data-tab="personas"]').click();
      await h.ready('personas');
      const { page } = h;
      assert.equal(await page.locator('table.personas tbody tr').count(), 50, 'one page of 50');
      assert.match(await page.locator('[data-panel="personas"] .count').innerText(), /^1–50 of 2800$/);
      const first = page.locator('table.personas tbody tr').first();
      assert.equal(await first.getAttribute('data-id'), 'p0001');
      assert.equal(await page.locator('table.answers tbody tr').count(), 25);
      // the bfi respondent's answer is shown beside the persona's, with the option label
      assert.match(await page.locator('table.answers tbody tr[data-question="A1"]').innerText(), /^A1\t\d (Very|Moderately|Slightly) (In)?accurate\t\d (Very|Moderately|Slightly) (In)?accurate\t[01]$/);
      await page.locator('table.personas tbody tr[data-id="p0002"]').click();
      await page.locator('.detail h3', { hasText: 'p0002' }).waitFor();
      await page.locator('vscode-button[data-action="open-backstory"]').click();
      const deadline = Date.now() + 10_000;
      while (opened.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(opened, ['b001']);
      await page.screenshot({ path: path.join(shots, 'results-personas.png') });
      assert.deepEqual(await h.violations(), []);
    } finally {
      await h.close();
    }
  });

  it('shows a method persona’s text as text, refusals as such', async () => {
    const q = report.survey.questions;
    const data: PersonaAnswersData = {
      method: 'drifted-sim', humanNote: null, source: 'text',
      personas: [{ personaId: 'm1', backstoryId: 'm1', answers: { [q[0]!.id]: { status: 'refused' }, [q[1]!.id]: { status: 'non-compliant' }, [q[2]!.id]: { status: 'answered', code: 2 } } }],
      texts: new Map([['m1', '<img src=x onerror="document.body.dataset.pwned=1"><b>age: 30-49</b>']]),
    };
    const h = await openResultsPage(report, { actions: { personas: async () => data } });
    try {
      await h.ready('metrics');
      await h.page.locator('vscode-tab-header[data-tab="personas"]').click();
      await h.ready('personas');
      const { page } = h;
      assert.equal(await page.locator('pre.persona-text').textContent(), '<img src=x onerror="document.body.dataset.pwned=1"><b>age: 30-49</b>');
      assert.equal(await page.locator('.detail b, .detail img').count(), 0);
      assert.equal(await page.locator('vscode-button[data-action="open-backstory"]').count(), 0, 'no backstory action without backstories');
      assert.equal(await page.locator(`table.answers tr[data-question="${q[0]!.id}"] td`).first().innerText(), 'refused');
      assert.equal(await page.locator(`table.answers tr[data-question="${q[1]!.id}"] td`).first().innerText(), 'non-compliant');
      assert.equal(await page.locator(`table.answers tr[data-question="${q[3]!.id}"] td`).first().innerText(), 'no answer recorded');
      assert.equal(await page.evaluate('document.body.dataset.pwned'), undefined);
      assert.deepEqual(await h.violations(), []);
    } finally {
      await h.close();
    }
  });

  it('shows outcome studies per method side by side, with flips and the lean, and exports them', async () => {
    // two groups, two options; real: X wins A (0.6/0.4), Y wins B (0.45/0.55)
    const real = new Map([['A', { X: 0.6, Y: 0.4 }], ['B', { X: 0.45, Y: 0.55 }]]);
    const answers = (xa: number, xb: number) => [
      ...Array.from({ length: 10 }, (_, i) => ({ group: 'A', choice: i < xa ? 'X' : 'Y' })),
      ...Array.from({ length: 10 }, (_, i) => ({ group: 'B', choice: i < xb ? 'X' : i < 9 ? 'Y' : undefined })),
    ];
    const lean = { toward: 'X', against: 'Y' };
    const withOutcomes: AnalysisReport = { ...report, outcomes: [{ question: 'vote', group: 'state', table: 'results.csv', lean, ungrouped: { 'drifted-sim': 0, uniform: 2 },
      methods: { 'drifted-sim': outcomeStudy({ options: ['X', 'Y'], answers: answers(6, 6), real, lean }), uniform: outcomeStudy({ options: ['X', 'Y'], answers: answers(5, 4), real, lean }) } }] };
    const h = await openResultsPage(withOutcomes);
    try {
      await h.ready('metrics');
      await h.page.locator('vscode-tab-header[data-tab="outcomes"]').click();
      await h.ready('outcomes');
      const { page } = h;
      // drifted-sim: B has X 0.6 vs Y 0.3 → X wins where Y won: 1 flip of 2 groups
      // by hand: A errors 0, 0; B shares X 0.6, Y 0.3 (one invalid) vs 0.45/0.55 → errors +0.15, −0.25; mean |error|
      // (0 + 0 + 0.15 + 0.25) / 4 = 10 %; margins A 0.2 − 0.2 = 0, B 0.3 − (−0.1) = 0.4 → lean (0 + 0.4) / 2 = +20 pts
      assert.match(await page.locator('.outcomes-summary tr[data-method="drifted-sim"]').innerText(), /\t2\t1 of 2\t10\.0 %\t\+20\.0 pts\t0$/);
      assert.match(await page.locator('li[data-flips="drifted-sim"]').innerText(), /B \(Y → X\)/);
      assert.match(await page.locator('li[data-flips="uniform"]').innerText(), /no winner flips/);
      assert.equal(await page.locator('table.outcomes-groups tbody tr').count(), 2);
      await page.locator('section[data-outcome="vote"] vscode-button[data-export="csv"]').click();
      const deadline = Date.now() + 10_000;
      while (h.saved.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      assert.match(h.saved[0]!.data, /^question,method,group,n,invalid_share,winner,real_winner,flipped,margin,real_margin,margin_error,mean_abs_share_error\r\n/);
      assert.match(h.saved[0]!.data, /\r\nvote,drifted-sim,B,10,0\.1,X,Y,yes,/);
      await page.screenshot({ path: path.join(shots, 'results-outcomes.png') });
      assert.deepEqual(await h.violations(), []);
    } finally {
      await h.close();
    }
  });

  it('compares runs side by side (labelled by method, model, date) with each run’s human bound, and shows an exact baseline as exact', async () => {
    const exact: AnalysisReport = { ...report, methods: { ...report.methods, uniform: { ...report.methods.uniform!, n: 0 } } };
    const comparison: RunComparison = { runs: [
      { key: 'r1', runId: '20261201-120000-drifted-sim', specName: 'bfi.survey.yaml', method: 'drifted-sim', model: null, date: '2026-12-01T12:00:00Z', current: true, table: metricTable(exact) },
      { key: 'r2', runId: '20261202-090000-anthology', specName: 'bfi.survey.yaml', method: 'anthology', model: 'llama-3-70b', date: '2026-12-02T09:00:00Z', current: false, table: metricTable(report) },
    ], folders: ['bfi/runs/bfi/20261202-090000-anthology'], note: 'Left out of the run comparison since it was saved: bfi/runs/bfi/gone (deleted).' };
    const removed: string[] = [];
    const h = await openResultsPage(exact, { actions: { comparison: async () => comparison, removeRun: async (key) => { removed.push(key); return { runs: comparison.runs.filter((r) => r.key !== key), folders: [], note: null }; } } });
    try {
      await h.ready('metrics');
      const { page } = h;
      assert.equal(await page.locator('table.metrics tr[data-method="uniform"] td').first().innerText(), 'exact');
      await page.locator('vscode-tab-header[data-tab="compare"]').click();
      await h.ready('compare');
      assert.equal(await page.locator('table.runs-compare tr.run-head').count(), 2);
      assert.match(await page.locator('tr.run-head[data-run="r2"]').innerText(), /anthology · llama-3-70b · 2026-12-02 09:00/);
      assert.equal(await page.locator('table.runs-compare tr.bound').count(), 2, 'each run’s human bound');
      assert.ok(await page.locator('[data-chart="runs"] svg').count() > 0);
      // the compared folders go into the state the serializer restores; a run dropped on restore is said
      assert.deepEqual((await h.savedState() as { compared?: string[] }).compared, ['bfi/runs/bfi/20261202-090000-anthology']);
      assert.match(await page.locator('p[data-note="comparison"]').innerText(), /bfi\/runs\/bfi\/gone/);
      await page.screenshot({ path: path.join(shots, 'results-compare-runs.png') });
      await page.locator('vscode-button[data-remove="r2"]').click();
      // one run left: the page asks for another (waiting for that note, not any note: the dropped-run note and the
      // bound note are there until the removal re-renders)
      await page.locator('[data-section="runs"] p.note', { hasText: 'Add another analysed run' }).waitFor();
      assert.deepEqual(removed, ['r2']);
      await page.locator('table.runs-compare').waitFor({ state: 'detached' });
      assert.deepEqual((await h.savedState() as { compared?: string[] }).compared, [], 'the removal is saved too');
      assert.deepEqual(await h.violations(), []);
    } finally {
      await h.close();
    }
  });
});
