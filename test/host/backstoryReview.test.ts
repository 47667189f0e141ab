import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PersonaStudioApi } from '../../src/extension/api';
import { backstoryId, writeBackstoryFixture } from '../helpers/backstoryFixtures';
import { EXTENSION_ID, workspaceRoot } from './helpers';

const VIEW_TYPE = 'personaStudio.backstoryReview';

async function api(): Promise<PersonaStudioApi> {
  const ext = vscode.extensions.getExtension<PersonaStudioApi>(EXTENSION_ID);
  assert.ok(ext);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Polls `get` until it returns a value (positive signal), failing after `ms`. */
async function until<T>(get: () => T | undefined | false, what: string, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v) return v;
    if (Date.now() > deadline) assert.fail(`${what}: not seen within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const activeCustomTab = (): vscode.Tab | undefined => {
  const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
  return tab?.input instanceof vscode.TabInputCustom && tab.input.viewType === VIEW_TYPE ? tab : undefined;
};

describe('backstory review editor', () => {
  let dir: string;
  let file: string;
  before(() => {
    dir = path.join(workspaceRoot().fsPath, 'review-host-test');
    mkdirSync(dir, { recursive: true });
    file = writeBackstoryFixture(path.join(dir, 'host'), 200, { chars: 120 });
    writeFileSync(file, `${readFileSync(file, 'utf8')}{not json\n`); // a bad last line (201)
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor').then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('opens *.backstories.jsonl in the review editor by default, reading every record and naming the bad line', async () => {
    const uri = vscode.Uri.file(file);
    await vscode.commands.executeCommand('vscode.open', uri);
    await until(activeCustomTab, 'the review editor tab');
    const { backstoryReview } = await api();
    const doc = await until(() => backstoryReview.documentOf(uri), 'the review document');
    assert.equal(doc.file.records.length, 200);
    assert.deepEqual(doc.file.problems.map((p) => p.line), [201]);
    await doc.demographicsReady;
    assert.deepEqual(doc.demographics.table?.columns.map((c) => c.name), ['gender', 'age']);
  });

  it('puts flag / exclude edits on the undo stack: undo, redo, then save writes the .review.json sidecar', async () => {
    const uri = vscode.Uri.file(file);
    const { backstoryReview } = await api();
    const doc = await until(() => backstoryReview.documentOf(uri), 'the review document');
    const id = backstoryId(7);
    assert.ok(backstoryReview.edit(doc, id, { excluded: true, note: 'off-topic' }));
    assert.equal(doc.review.get(id)?.excluded, true);
    await until(() => activeCustomTab()?.isDirty, 'the editor marked dirty after an edit');

    await vscode.commands.executeCommand('undo');
    await until(() => !doc.review.has(id), 'the exclusion undone');
    await vscode.commands.executeCommand('redo');
    await until(() => doc.review.get(id)?.note === 'off-topic', 'the exclusion redone');

    await vscode.commands.executeCommand('workbench.action.files.save');
    const sidecar = `${file}.review.json`;
    await until(() => existsSync(sidecar) && !activeCustomTab()?.isDirty, 'the sidecar written and the editor clean');
    const saved = JSON.parse(readFileSync(sidecar, 'utf8'));
    assert.equal(saved.version, 1);
    assert.deepEqual(Object.keys(saved.entries), [id]);
    assert.equal(saved.entries[id].excluded, true);
    assert.equal(saved.entries[id].note, 'off-topic');
  });

  it('reads the file again when generation rewrites it, keeping the review', async () => {
    const uri = vscode.Uri.file(file);
    const { backstoryReview } = await api();
    const doc = await until(() => backstoryReview.documentOf(uri), 'the review document');
    const extra = { id: 'b999999', text: 'Appended by a later generation.', method: 'anthology', createdAt: '2026-12-01T00:00:00Z' };
    writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify(extra)}\n`);
    await until(() => doc.file.records.length === 201 && doc.file.byId.has('b999999'), 'the appended backstory read');
    assert.deepEqual(doc.file.problems.map((p) => p.line), [201], 'the bad line keeps its number');
    assert.equal(doc.review.get(backstoryId(7))?.excluded, true, 'the review survives the reload');
  });

  it('personaStudio.showBackstory opens the file with a persona selected', async () => {
    const result = await vscode.commands.executeCommand<{ uri: string; id?: string }>('personaStudio.showBackstory', file, backstoryId(3));
    assert.equal(result?.id, backstoryId(3));
    assert.equal(vscode.Uri.parse(result.uri).fsPath, file);
    await until(activeCustomTab, 'the review editor tab');
  });

  it('is reachable as text through Reopen With (the default text editor)', async () => {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'default');
    const editor = await until(() => vscode.window.activeTextEditor?.document.uri.fsPath === file && vscode.window.activeTextEditor, 'a text editor on the file');
    assert.equal(editor.document.lineCount >= 201, true);
  });
});
