// Helpers for the in-host suite: open workspace files, edit them, wait for the extension's diagnostics.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'persona-studio.persona-studio';
export const SOURCE = 'persona-studio';

export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder');
  return folder.uri;
}

export function fileUri(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...rel.split('/'));
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/**
 * Reverts and closes every editor, so each test starts from the files on disk. Closed documents stay loaded
 * for a while, so it also waits (up to 3 s) for the re-validation of reverted ones, or their stale problems
 * would be seen by the next test.
 */
export async function closeAll(): Promise<void> {
  const reverted: vscode.Uri[] = [];
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file') {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      reverted.push(doc.uri);
    }
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const deadline = Date.now() + 3000;
  const errors = (uri: vscode.Uri) => ours(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
  while (reverted.some((u) => errors(u) > 0) && Date.now() < deadline) await sleep(50);
}

export function schema(kind: 'survey' | 'persona'): { properties: Record<string, { description?: string }>; definitions: Record<string, { enum?: string[]; properties?: Record<string, unknown> }> } {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext);
  return JSON.parse(readFileSync(path.join(ext.extensionPath, 'schemas', `${kind}.schema.json`), 'utf8'));
}

export const ours = (uri: vscode.Uri): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

export const codeOf = (d: vscode.Diagnostic): string =>
  typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);

/** Waits until the extension's diagnostics for `uri` satisfy `predicate`; fails with what it last saw. */
export async function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (ds: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 10_000,
): Promise<vscode.Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ds = ours(uri);
    if (predicate(ds)) return ds;
    if (Date.now() > deadline) {
      assert.fail(`${what}: not seen within ${timeoutMs} ms; diagnostics: ${JSON.stringify(ds.map(describeDiagnostic))}`);
    }
    await new Promise<void>((resolve) => {
      const sub = vscode.languages.onDidChangeDiagnostics(() => { sub.dispose(); resolve(); });
      setTimeout(() => { sub.dispose(); resolve(); }, 100);
    });
  }
}

export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${codeOf(d)}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${d.message}`;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** 0-based line of the first line matching `re` (after line `from`). */
export function lineMatching(doc: vscode.TextDocument, re: RegExp, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  assert.fail(`no line matching ${re} in ${doc.uri.fsPath}`);
}

/** Range of the first occurrence of `text` on line `line`. */
export function rangeOn(doc: vscode.TextDocument, line: number, text: string): vscode.Range {
  const ch = doc.lineAt(line).text.indexOf(text);
  assert.ok(ch >= 0, `${JSON.stringify(text)} not on line ${line}: ${doc.lineAt(line).text}`);
  return new vscode.Range(line, ch, line, ch + text.length);
}

export async function replace(editor: vscode.TextEditor, range: vscode.Range, text: string): Promise<void> {
  const ok = await editor.edit((b) => b.replace(range, text));
  assert.ok(ok, 'edit was not applied');
}


export const fmt = (r: vscode.Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
