import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, fileUri, open } from './helpers';

describe('navigation: outline, links and go to definition in a real editor', () => {
  afterEach(closeAll);

  it('the Outline lists the 25 bfi questions by id and the five scales', async () => {
    const editor = await open('bfi/bfi.survey.yaml');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.ok(symbols, 'no symbols');
    const questions = symbols.find((s) => s.name === 'questions');
    assert.ok(questions, `sections: ${symbols.map((s) => s.name).join(', ')}`);
    assert.equal(questions.children.length, 25);
    assert.equal(questions.children[0]?.name, 'A1');
    assert.deepEqual(symbols.find((s) => s.name === 'scales')?.children.map((s) => s.name), ['A', 'C', 'E', 'N', 'O']);
  });

  it('jumps from a scale item to the question that declares it', async () => {
    const editor = await open('bfi/bfi.survey.yaml');
    const doc = editor.document;
    const scaleLine = doc.getText().split('\n').findIndex((l) => l.startsWith('  A: {'));
    const column = doc.lineAt(scaleLine).text.indexOf('A2');
    const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, new vscode.Position(scaleLine, column + 1));
    assert.equal(locations.length, 1);
    const target = locations[0]!;
    const range = 'targetRange' in target ? target.targetRange : target.range;
    assert.equal(doc.getText(range), 'A2');
    assert.match(doc.lineAt(range.start.line).text, /id: A2, text: "Inquire about others' well-being\."/);
  });

  it('links the persona spec and the human data files', async () => {
    const editor = await open('bfi/bfi.survey.yaml');
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', editor.document.uri);
    const targets = links.map((l) => l.target?.fsPath).filter((t): t is string => t !== undefined);
    assert.ok(targets.includes(fileUri('personas/us-adults.persona.yaml').fsPath), targets.join(', '));
    assert.ok(targets.includes(fileUri('data/bfi.csv').fsPath), targets.join(', '));
  });
});
