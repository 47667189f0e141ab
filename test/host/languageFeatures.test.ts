import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, lineMatching, open, rangeOn, replace, schema } from './helpers';

const BFI = 'bfi/bfi.survey.yaml';
const PERSONA = 'personas/us-adults.persona.yaml';

const hoverText = (hovers: vscode.Hover[]): string =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');

const labels = (list: vscode.CompletionList | undefined): string[] =>
  (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));

/** The first words of a schema description, markdown marks dropped. */
const prefix = (s: string | undefined): string => (s ?? '').replace(/[`*_[\]]/g, '').split(/\s+/).slice(0, 6).join(' ');
const plain = (s: string): string => s.replace(/[`*_[\]\\]/g, '').replace(/\s+/g, ' ');

describe('hover, completion and quick fixes from the schema', () => {
  afterEach(closeAll);

  it('hovering a top-level key shows its schema description', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const line = lineMatching(doc, /^questions:/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 3));
    const expected = prefix(schema('survey').properties.questions?.description);
    assert.ok(expected.length > 0, 'the schema describes questions');
    assert.ok(plain(hoverText(hovers)).includes(expected), `hover: ${hoverText(hovers)}`);
  });

  it('hovering a nested key describes that key, not its parent', async () => {
    const editor = await open(PERSONA);
    const doc = editor.document;
    const method = lineMatching(doc, /^method:/);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(method, 2));
    assert.ok(plain(hoverText(hovers)).includes(prefix(schema('persona').properties.method?.description)), hoverText(hovers));
    const comment = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 3));
    assert.equal(hoverText(comment).trim(), '', 'no hover on a comment line');
  });

  it('completes enum values for method: in a persona spec', async () => {
    const editor = await open(PERSONA);
    const doc = editor.document;
    const line = lineMatching(doc, /^method: /);
    const value = doc.lineAt(line).text.slice('method: '.length).trim();
    await replace(editor, rangeOn(doc, line, value), '');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 'method: '.length));
    const got = labels(list);
    const persona = schema('persona') as unknown as { properties: { method: { enum: string[] } } };
    for (const v of persona.properties.method.enum) assert.ok(got.includes(v), `missing ${v} in ${JSON.stringify(got)}`);
  });

  it('completes the unused keys of a mapping and not the used ones', async () => {
    const editor = await open(BFI);
    const doc = editor.document;
    const matching = lineMatching(doc, /^matching:/);
    let last = matching;
    while (last + 1 < doc.lineCount && /^ {2}\S/.test(doc.lineAt(last + 1).text)) last++;
    const used = Array.from({ length: last - matching }, (_, i) => /^ {2}([\w-]+):/.exec(doc.lineAt(matching + 1 + i).text)?.[1]).filter((k): k is string => !!k);
    const all = Object.keys(schema('survey').definitions.matching?.properties ?? {});
    const unused = all.filter((k) => !used.includes(k));
    assert.ok(unused.length > 0 && used.length > 0);
    await replace(editor, new vscode.Range(last + 1, 0, last + 1, 0), '  \n');
    const got = labels(await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(last + 1, 2)));
    for (const k of unused) assert.ok(got.some((l) => l === k || l.startsWith(`${k}:`)), `missing ${k} in ${JSON.stringify(got)}`);
    for (const k of used) assert.ok(!got.includes(k), `offers used key ${k}: ${JSON.stringify(got)}`);
  });
});
