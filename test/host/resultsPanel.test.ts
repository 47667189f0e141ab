import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RESULTS_VIEW_TYPE } from '../../src/protocol/resultsPanel';
import { bfiAnalysis, bfiQuestionLines } from '../fixtures/analysis/bfiAnalysis';
import { writeBfiRunFolder } from '../fixtures/analysis/bfiRunFolder';
import { closeAll, EXTENSION_ID, fileUri, open, sleep, workspaceRoot } from './helpers';

interface Opened { viewType: string; spec: string; runId: string; questions: number; pageReady: number; ui: { tab: string; question?: string } | null }

const RUN = '20261201-120000-drifted-sim';
const runDir = (): string => path.join(fileUri('bfi/runs/bfi').fsPath, RUN);

/** Polls `probe` until it returns a value (positive signal), or fails with `what`. */
let last = '';

async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string | (() => string), timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) assert.fail(`${typeof what === 'string' ? what : what()}: not seen within ${timeoutMs} ms`);
    await sleep(100);
  }
}

const resultTabs = (): vscode.Tab[] => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(RESULTS_VIEW_TYPE));

describe('results panel and result lenses in a real extension host', function () {
  this.timeout(90_000);
  const spec = (): vscode.Uri => fileUri('bfi/bfi.survey.yaml');

  before(() => rmSync(fileUri('bfi/runs').fsPath, { recursive: true, force: true }));
  after(async () => {
    await closeAll();
    rmSync(fileUri('bfi/runs').fsPath, { recursive: true, force: true });
  });

  it('without an analysed run: no result lenses, and Open Results opens nothing', async () => {
    await open('bfi/bfi.survey.yaml');
    // a positive signal first: the spec's run lenses are there, so the lens providers have answered for it (an
    // empty list right after opening proves nothing); then the result lenses are absent from that same answer
    const lenses = await until(async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spec());
      return ls.some((l) => l.command?.command === 'personaStudio.runBaselines') ? ls : undefined;
    }, 'the Run baselines lens of bfi.survey.yaml');
    assert.ok(!lenses.some((l) => l.command?.command === 'personaStudio.openResults'), lenses.map((l) => l.command?.title).join(' | '));
    assert.equal(await vscode.commands.executeCommand('personaStudio.openResults', spec()), undefined);
    assert.equal(resultTabs().length, 0);
  });

  it('once a run has analysis.json: Open results and WD · human · drift lenses on each question', async () => {
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const text = readFileSync(spec().fsPath, 'utf8');
    const report = bfiAnalysis({ root, replicates: 20, splits: 10, lines: bfiQuestionLines(text), specPath: '../../../bfi.survey.yaml' });
    mkdirSync(runDir(), { recursive: true });
    const now = new Date().toISOString();
    writeFileSync(path.join(runDir(), 'run.json'), JSON.stringify({ schema: 'persona-studio/run@1', id: RUN, kind: 'simulation', method: 'drifted-sim', status: 'done', createdAt: now, updatedAt: now, surveySpec: { path: '../../../bfi.survey.yaml', hash: 'h' }, seeds: {}, stages: {}, totals: { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: null } }));
    writeFileSync(path.join(runDir(), 'analysis.json'), JSON.stringify(report));
    const lenses = await until(async () => {
      const ls = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', spec());
      const ours = ls.filter((l) => l.command?.command === 'personaStudio.openResults');
      return ours.length === 26 ? ours : undefined;
    }, 'the 26 result lenses after the run appeared (file watcher → refresh)');
    const m = report.methods['drifted-sim']!;
    const a1 = lenses.find((l) => l.range.start.line === report.survey.questions[0]!.line);
    assert.ok(a1, 'a lens on the A1 line');
    assert.equal(a1.command?.title, `WD ${m.wd.A1!.toFixed(2)} · human ${report.human.bounds.wd.A1!.toFixed(2)} · drift +${m.drift.A1!.toFixed(1)}`);
    assert.match(lenses[0]!.command!.title, /^Open results \(drifted-sim/);
  });

  it('opens one panel beside the spec, the page loads and asks for its data, and a second open reveals the same panel', async () => {
    await open('bfi/bfi.survey.yaml');
    const first = await vscode.commands.executeCommand<Opened>('personaStudio.openResults', spec());
    assert.ok(first, 'the command returned nothing');
    assert.equal(first.runId, RUN);
    assert.equal(first.questions, 25);
    const tab = await until(() => resultTabs()[0], 'the results tab');
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'beside the spec');
    const loaded = await until(async () => {
      const o = await vscode.commands.executeCommand<Opened>('personaStudio.openResults', spec());
      return o.pageReady > 0 ? o : undefined;
    }, 'the page’s ready request (the bundle ran under the CSP and spoke the protocol)', 30_000);
    assert.equal(loaded.ui?.tab, 'metrics');
    assert.equal(resultTabs().length, 1, 'one panel per spec');
  });

  it('a question lens opens the panel on that question', async () => {
    const o = await vscode.commands.executeCommand<Opened>('personaStudio.openResults', spec(), { question: 'N3' });
    assert.equal(o.ui?.tab, 'questions');
    assert.equal(o.ui?.question, 'N3');
    assert.equal(resultTabs().length, 1);
  });

  it('a corrupt analysis.json is reported, not shown', async () => {
    await closeAll();
    writeFileSync(path.join(runDir(), 'analysis.json'), '{"schema": "persona-studio/analysis@1", "survey": ');
    assert.equal(await vscode.commands.executeCommand('personaStudio.openResults', spec()), undefined);
    assert.equal(resultTabs().length, 0);
  });
});

interface OpenedMore extends Opened { compared: string[]; answered: Record<string, number>; restorable: { v: 1; spec: string; runId: string; ui: { tab: string }; compared?: string[] }; comparisonNote: string | null }
interface Api { resultsPanels: { serializer: vscode.WebviewPanelSerializer; opened(): OpenedMore[]; ask(spec: vscode.Uri, method: string, params: unknown): Promise<{ ok: boolean; result?: unknown; error?: { reason: string } } | undefined> }; backstoryReview: { documentOf(uri: vscode.Uri): unknown } }

async function api(): Promise<Api> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  return (ext.isActive ? ext.exports : await ext.activate()) as Api;
}

describe('results panel: personas, backstories and run comparison in a real extension host', function () {
  this.timeout(120_000);
  const spec = (): vscode.Uri => fileUri('bfi/bfi.survey.yaml');
  // A is the newest run: the panel follows the newest analysis when the watcher reports a change
  const A = '20261202-120000-drifted-sim';
  const B = '20261201-090000-anthology';
  const runs = (): string => fileUri('bfi/runs/bfi').fsPath;

  before(async () => {
    await closeAll();
    rmSync(runs(), { recursive: true, force: true });
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    const folder = workspaceRoot().fsPath;
    writeBfiRunFolder(folder, { root, runId: A, personas: true, replicates: 10, splits: 4, createdAt: '2026-12-02T12:00:00Z' });
    writeBfiRunFolder(folder, { root, runId: B, method: 'anthology', model: 'llama-3-70b', replicates: 10, splits: 4, createdAt: '2026-12-01T09:00:00Z' });
  });
  after(async () => {
    await closeAll();
    rmSync(runs(), { recursive: true, force: true });
    for (const f of ['bfi/fixture.persona.yaml', 'bfi/fixture.backstories.jsonl']) rmSync(fileUri(f).fsPath, { force: true });
  });

  it('the Personas tab asks the host for a page of personas and the first persona’s answers', async () => {
    await open('bfi/bfi.survey.yaml');
    await vscode.commands.executeCommand('personaStudio.openResults', spec(), { runId: A, tab: 'personas' });
    const { resultsPanels } = await api();
    // read the panel's state through the API: opening again would reload the report and restart the page
    const o = await until(() => {
      const x = resultsPanels.opened()[0];
      last = JSON.stringify(x);
      return x &&  (x.answered['personas/page'] ?? 0) > 0 && (x.answered['persona/detail'] ?? 0) > 0 ? x : undefined;
    }, () => `the page’s personas/page and persona/detail requests answered (panel: ${last})`, 60_000);
    assert.equal(o.ui?.tab, 'personas');
  });

  it('persona/backstory opens the backstory review editor on that persona; a baseline has no personas', async () => {
    const { resultsPanels, backstoryReview } = await api();
    const page = await resultsPanels.ask(spec(), 'personas/page', { method: 'drifted-sim', sortBy: 'mad', descending: true, filter: '', offset: 0, limit: 5 });
    assert.ok(page?.ok, JSON.stringify(page));
    const rows = (page.result as { rows: { id: string; backstoryId: string; human: string | null; mad: number | null }[] }).rows;
    assert.equal(rows.length, 5);
    assert.ok(rows[0]!.human !== null && rows[0]!.mad !== null, 'paired with its bfi respondent');
    const shown = await resultsPanels.ask(spec(), 'persona/backstory', { method: 'drifted-sim', id: rows[0]!.id });
    assert.equal(shown?.ok && shown.result, true);
    const file = fileUri('bfi/fixture.backstories.jsonl');
    await until(() => backstoryReview.documentOf(file), 'the backstories file open in the review editor');
    await until(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.fsPath === file.fsPath), 'the review editor tab');
    const none = await resultsPanels.ask(spec(), 'personas/page', { method: 'uniform', sortBy: 'order', descending: false, filter: '', offset: 0, limit: 5 });
    assert.equal(none?.ok, false);
    assert.equal(none?.error?.reason, 'no-personas');
  });

  it('Compare Selected Runs in the runs explorer opens the Compare tab with both runs', async () => {
    const node = (id: string) => ({ kind: 'run', spec: spec(), entry: { id, dir: path.join(runs(), id), record: JSON.parse(readFileSync(path.join(runs(), id, 'run.json'), 'utf8')), hasAnalysis: true } });
    const o = await vscode.commands.executeCommand<OpenedMore>('personaStudio.runs.compare', node(A), [node(A), node(B)]);
    assert.ok(o, 'compareRuns returned the panel');
    assert.equal(o.runId, A);
    assert.deepEqual(o.compared, [B]);
    assert.equal(o.ui?.tab, 'compare');
    const { resultsPanels } = await api();
    await until(() => {
      const x = resultsPanels.opened()[0];
      last = JSON.stringify(x);
      return x && (x.answered['runs/compare'] ?? 0) > 0 ? x : undefined;
    }, () => `the page’s runs/compare request answered (panel: ${last})`, 60_000);
    const c = await resultsPanels.ask(spec(), 'runs/compare', {});
    const compared = (c?.result as { runs: { key: string; method: string; model: string | null; current: boolean }[] }).runs;
    assert.deepEqual(compared.map((r) => [r.key, r.method, r.model, r.current]), [[A, 'drifted-sim', null, true], [B, 'anthology', 'llama-3-70b', false]]);
    const after = await resultsPanels.ask(spec(), 'runs/remove', { key: B });
    assert.deepEqual((after?.result as { runs: unknown[] }).runs.length, 1);
    // "Add run…": a quick pick of the spec's other analysed runs (B is the only one left); accept its first item
    let added: { result?: unknown } | undefined;
    const asked = resultsPanels.ask(spec(), 'runs/add', {}).then((r) => { added = r; });
    await until(async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return added;
    }, 'the run picked in the quick pick');
    await asked;
    assert.deepEqual((added!.result as { runs: { key: string }[] }).runs.map((r) => r.key), [A, B]);
    assert.equal(resultTabs().length, 1, 'one panel per spec');
  });

  it('the run comparison survives a reload: revived through the serializer, a run folder deleted since is dropped with a note', async () => {
    const C = '20261130-080000-anthology';
    const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
    writeBfiRunFolder(workspaceRoot().fsPath, { root, runId: C, method: 'anthology', model: 'qwen-2-72b', replicates: 10, splits: 4, createdAt: '2026-11-30T08:00:00Z' });
    const o = await vscode.commands.executeCommand<OpenedMore>('personaStudio.compareRuns', [A, B, C].map((id) => vscode.Uri.file(path.join(runs(), id))));
    assert.deepEqual(o.compared, [B, C]);
    const { resultsPanels } = await api();
    // what the page saves with setState for the serializer: the compared folders relative to the workspace folder
    const saved = o.restorable;
    assert.deepEqual(saved.compared, [`bfi/runs/bfi/${B}`, `bfi/runs/bfi/${C}`]);
    assert.equal(saved.runId, A);
    assert.equal(saved.ui.tab, 'compare');
    // the page is told the same folders (it saves them from the report and from every comparison it shows)
    const ready = await resultsPanels.ask(spec(), 'ready', { ui: null });
    assert.deepEqual((ready?.result as { comparedFolders: string[] }).comparedFolders, saved.compared);

    // dispose the panel as a reload does, delete C, and revive a new panel from the saved state through the serializer
    for (const t of resultTabs()) await vscode.window.tabGroups.close(t);
    await until(() => (resultsPanels.opened().length === 0 ? true : undefined), 'the panel disposed');
    rmSync(path.join(runs(), C), { recursive: true, force: true });
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, 'Results', { viewColumn: vscode.ViewColumn.Two, preserveFocus: true }, { enableScripts: true });
    await resultsPanels.serializer.deserializeWebviewPanel(panel, saved);
    const revived = await until(() => {
      const x = resultsPanels.opened()[0];
      last = JSON.stringify(x);
      return x && (x.answered['ready'] ?? 0) > 0 && (x.answered['runs/compare'] ?? 0) > 0 ? x : undefined;
    }, () => `the revived page’s ready and runs/compare requests answered (panel: ${last})`, 60_000);
    assert.equal(revived.runId, A);
    assert.equal(revived.ui?.tab, 'compare', 'back on the Compare tab');
    assert.deepEqual(revived.compared, [B], 'the deleted run is dropped, the other kept');
    assert.match(revived.comparisonNote ?? '', new RegExp(`bfi/runs/bfi/${C}`), 'the note names the dropped run');
    assert.deepEqual(revived.restorable.compared, [`bfi/runs/bfi/${B}`]);
    const c = await resultsPanels.ask(spec(), 'runs/compare', {});
    assert.ok(c?.ok, JSON.stringify(c));
    const comparison = c.result as { runs: { key: string }[]; folders: string[]; note: string | null };
    assert.deepEqual(comparison.runs.map((r) => r.key), [A, B]);
    assert.deepEqual(comparison.folders, [`bfi/runs/bfi/${B}`]);
    assert.match(comparison.note ?? '', /Left out of the run comparison/);
    assert.equal(resultTabs().length, 1, 'one panel per spec');
  });

  it('a run without analysis.json cannot be compared (a warning, no panel change)', async () => {
    const dir = path.join(runs(), '20261203-090000-unfinished');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'run.json'), readFileSync(path.join(runs(), B, 'run.json'), 'utf8'));
    assert.equal(await vscode.commands.executeCommand('personaStudio.compareRuns', [vscode.Uri.file(path.join(runs(), A)), vscode.Uri.file(dir)]), undefined);
  });
});
