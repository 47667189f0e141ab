import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunRecord } from '../../src/core/runs/runRecord';
import type { PersonaStudioApi } from '../../src/extension/api';
import type { RunsNode } from '../../src/extension/runs/runsTree';
import { EXTENSION_ID, workspaceRoot } from './helpers';

const record = (id: string, createdAt: string): RunRecord => ({
  schema: 'persona-studio/run@1', id, kind: 'baselines', method: 'uniform', status: 'done', createdAt, updatedAt: createdAt,
  surveySpec: { path: '../../../bfi.survey.yaml', hash: 'x' }, seeds: {}, stages: {},
  totals: { calls: 1234, promptTokens: 0, completionTokens: 0, costUsd: 0.5 },
  summary: { wd_mean: 0.2134, frobenius: 1.5, n: 2800 },
});

describe('runs explorer', () => {
  let runs: string;
  before(() => {
    runs = path.join(workspaceRoot().fsPath, 'bfi', 'runs', 'bfi');
    for (const [id, at] of [['20261130-120000-uniform', '2026-11-30T12:00:00Z'], ['20261201-090000-uniform', '2026-12-01T09:00:00Z']] as const) {
      mkdirSync(path.join(runs, id), { recursive: true });
      writeFileSync(path.join(runs, id, 'run.json'), JSON.stringify(record(id, at)));
    }
    mkdirSync(path.join(runs, '20261201-100000-broken'), { recursive: true });
    writeFileSync(path.join(runs, '20261201-100000-broken', 'run.json'), '{ "schema": ');
  });
  after(() => rmSync(path.join(workspaceRoot().fsPath, 'bfi', 'runs'), { recursive: true, force: true }));

  it('lists specs, then their runs newest first with status, model, date, calls, cost and mean WD, and a corrupt run.json with its reason', async () => {
    const ext = vscode.extensions.getExtension<PersonaStudioApi>(EXTENSION_ID);
    assert.ok(ext);
    const { runsTree } = ext.isActive ? ext.exports : await ext.activate();
    const specs = await runsTree.getChildren();
    const bfi = specs.find((s) => s.kind === 'spec' && s.spec.fsPath.endsWith(path.join('bfi', 'bfi.survey.yaml')));
    assert.ok(bfi, `specs: ${specs.map((s) => (s.kind === 'spec' ? s.spec.fsPath : s.kind)).join(', ')}`);
    const children = await runsTree.getChildren(bfi);
    const items = children.map((c: RunsNode) => runsTree.getTreeItem(c));
    assert.deepEqual(items.map((i) => i.label), ['uniform', 'uniform', '20261201-100000-broken']);
    assert.deepEqual(items.map((i) => i.id), children.map((c) => (c.kind === 'run' ? `run:${c.entry.dir}` : c.kind === 'problem' ? `problem:${c.problem.dir}` : '')));
    assert.deepEqual(children.map((c) => (c.kind === 'run' ? c.entry.id : '')), ['20261201-090000-uniform', '20261130-120000-uniform', '']);
    assert.equal(items[0]?.description, 'done · 2026-12-01 09:00 · 1,234 calls · $0.50 · WD 0.213');
    assert.match(String(items[2]?.description), /unreadable run\.json: not valid JSON/);
    assert.equal(items[2]?.contextValue, 'runProblem');
  });

  it('Compare Selected Runs hands the selected runs to the results panel, which refuses a file that is not an analysis', async () => {
    for (const id of ['20261130-120000-uniform', '20261201-090000-uniform']) writeFileSync(path.join(runs, id, 'analysis.json'), `{"run":"${id}"}\n`);
    const ext = vscode.extensions.getExtension<PersonaStudioApi>(EXTENSION_ID);
    const { runsTree } = ext?.exports as PersonaStudioApi;
    const bfi = (await runsTree.getChildren()).find((s) => s.kind === 'spec' && s.spec.fsPath.endsWith(path.join('bfi', 'bfi.survey.yaml')));
    const runNodes = (await runsTree.getChildren(bfi)).filter((n) => n.kind === 'run');
    assert.equal(runNodes.length, 2);
    assert.ok((await vscode.commands.getCommands(true)).includes('personaStudio.compareRuns'));
    // one run is not a comparison; two whose analysis.json is not an analysis are refused with a warning (the
    // comparison itself is tested in resultsPanel.test.ts)
    assert.equal(await vscode.commands.executeCommand('personaStudio.runs.compare', runNodes[0], [runNodes[0]]), undefined);
    assert.equal(await vscode.commands.executeCommand('personaStudio.runs.compare', runNodes[0], runNodes), undefined);
    const webviews = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview || t.input instanceof vscode.TabInputTextDiff);
    assert.equal(webviews.length, 0, 'no panel and no diff editor');
  });
});
