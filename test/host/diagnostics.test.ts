import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  closeAll, codeOf, describeDiagnostic, fileUri, fmt, lineMatching, open, ours, rangeOn, replace, waitForDiagnostics,
} from './helpers';

const BFI = 'bfi/bfi.survey.yaml';

describe('diagnostics on specs', () => {
  afterEach(closeAll);

  it('reports no errors on any shipped example spec', async () => {
    const specs = await vscode.workspace.findFiles('**/*.{survey,persona}.yaml');
    assert.ok(specs.length >= 3, `expected the example specs, found ${specs.length}`);
    for (const uri of specs) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    // A positive signal, not a sleep: the command resolves once every spec has been validated.
    const checked = await vscode.commands.executeCommand<number>('personaStudio.validateWorkspace');
    assert.equal(checked, specs.length, 'every example spec was validated');
    const errors = specs.flatMap((uri) => ours(uri)
      .filter((d) => d.severity === vscode.DiagnosticSeverity.Error)
      .map((d) => `${vscode.workspace.asRelativePath(uri)}: ${describeDiagnostic(d)}`));
    assert.deepEqual(errors, []);
  });

  it('flags an unknown top-level key at the exact key range as the user types, and clears it when removed', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const line = lineMatching(doc, /^questions:/);
    await replace(editor, new vscode.Range(line, 0, line, 0), 'bogusKey: 1\n');
    const expected = new vscode.Range(line, 0, line, 'bogusKey'.length);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'schema/unknown-key' && /bogusKey/.test(x.message)), 'schema/unknown-key');
    const d = ds.find((x) => codeOf(x) === 'schema/unknown-key');
    assert.ok(d);
    assert.equal(fmt(d.range), fmt(expected));
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /bogusKey/);
    assert.equal(ours(doc.uri).length, 1, `only that problem: ${JSON.stringify(ours(doc.uri).map(describeDiagnostic))}`);

    await replace(editor, new vscode.Range(line, 0, line + 1, 0), '');
    await waitForDiagnostics(doc.uri, (x) => x.length === 0, 'diagnostics cleared after removing the key');
  });

  it('offers "Change to \'questions\'" for a misspelt key, and applying it fixes the spec', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const line = lineMatching(doc, /^questions:/);
    await replace(editor, rangeOn(doc, line, 'questions'), 'questons');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'schema/unknown-key' && /questons/.test(x.message)), 'unknown key questons');
    const d = ds.find((x) => codeOf(x) === 'schema/unknown-key');
    assert.ok(d);
    assert.equal(fmt(d.range), fmt(new vscode.Range(line, 0, line, 'questons'.length)));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range)) ?? [];
    const fix = actions.find((a) => a.title === "Change to 'questions'");
    assert.ok(fix, `code actions: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(fix.edit, 'the quick fix carries an edit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.lineAt(line).text, 'questions:');
    await waitForDiagnostics(doc.uri, (x) => x.length === 0, 'diagnostics cleared after the quick fix');
  });

  it('flags a value of the wrong type at the value range (schema/type)', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const metrics = lineMatching(doc, /^metrics:/);
    const line = lineMatching(doc, /^ {2}bootstrap: \d+/, metrics);
    const value = /\d+/.exec(doc.lineAt(line).text.slice(doc.lineAt(line).text.indexOf(':')))?.[0];
    assert.ok(value);
    const range = rangeOn(doc, line, `bootstrap: ${value}`).with({ start: rangeOn(doc, line, value).start });
    await replace(editor, range, 'lots');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'schema/type' && x.range.start.line === line), 'schema/type');
    const d = ds.find((x) => codeOf(x) === 'schema/type' && x.range.start.line === line);
    assert.ok(d);
    assert.equal(fmt(d.range), fmt(rangeOn(doc, line, 'lots')));
  });

  it('flags an enum value outside the schema at the value range', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const line = lineMatching(doc, /^ {2}method: greedy/, lineMatching(doc, /^matching:/));
    await replace(editor, rangeOn(doc, line, 'greedy'), 'sometimes');
    const value = fmt(rangeOn(doc, line, 'sometimes'));
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => fmt(x.range) === value), 'a diagnostic on the value of method: sometimes');
    const onValue = ds.filter((x) => fmt(x.range) === value);
    assert.ok(onValue.some((x) => codeOf(x).startsWith('schema/')), JSON.stringify(onValue.map(describeDiagnostic)));
  });

  it('flags a missing required key (schema/required)', async () => {
    const editor = await open('personas/us-adults.persona.yaml');
    const doc = editor.document;
    const line = lineMatching(doc, /^method:/);
    await replace(editor, new vscode.Range(line, 0, line + 1, 0), '');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'schema/required'), 'schema/required');
    assert.ok(ds.some((x) => codeOf(x) === 'schema/required' && /method/.test(x.message)), JSON.stringify(ds.map(describeDiagnostic)));
  });

  it('flags a duplicate key (yaml/duplicate-key) on the second occurrence', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const nameLine = lineMatching(doc, /^name:/);
    const insertAt = lineMatching(doc, /^questions:/);
    await replace(editor, new vscode.Range(insertAt, 0, insertAt, 0), `${doc.lineAt(nameLine).text}\n`);
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'yaml/duplicate-key' && x.range.start.line === insertAt), 'yaml/duplicate-key on the repeated line');
    const d = ds.find((x) => codeOf(x) === 'yaml/duplicate-key' && x.range.start.line === insertAt);
    assert.ok(d);
    assert.equal(d.range.start.line, insertAt, describeDiagnostic(d));
  });

  it('flags a duplicate question id (semantic/duplicate-id) at the repeated id', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const line = lineMatching(doc, /id: A2,/);
    await replace(editor, rangeOn(doc, line, 'A2'), 'A1');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'semantic/duplicate-id' && x.range.start.line === line), 'semantic/duplicate-id on the repeated id');
    const d = ds.find((x) => codeOf(x) === 'semantic/duplicate-id' && x.range.start.line === line);
    assert.ok(d);
    assert.equal(fmt(d.range), fmt(rangeOn(doc, line, 'A1')));
  });

  it('flags broken YAML (yaml/syntax) on the broken line', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const line = lineMatching(doc, /^questions:/);
    await replace(editor, new vscode.Range(line, 0, line, 0), 'broken: [unclosed\n');
    const ds = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'yaml/syntax'), 'yaml/syntax');
    const d = ds.find((x) => codeOf(x) === 'yaml/syntax');
    assert.ok(d);
    assert.ok(d.range.start.line >= line && d.range.start.line <= line + 1, describeDiagnostic(d));
  });

  it('leaves plain YAML files alone, while the same text in a spec is flagged', async () => {
    const text = 'bogusKey: [unclosed\n';
    const plain = fileUri('notes.yaml');
    const spec = fileUri('scratch.survey.yaml');
    await vscode.workspace.fs.writeFile(plain, Buffer.from(text));
    await vscode.workspace.fs.writeFile(spec, Buffer.from(text));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plain), { preview: false });
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(spec), { preview: false });
      // The plain file was opened first: had it been validated, its diagnostics would be there by now.
      await waitForDiagnostics(spec, (d) => d.length > 0, 'diagnostics on scratch.survey.yaml');
      assert.deepEqual(ours(plain).map(describeDiagnostic), []);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(plain);
      await vscode.workspace.fs.delete(spec);
    }
  });
});
