import * as path from 'node:path';
import * as vscode from 'vscode';
import { BACKSTORY_REVIEW_VIEW_TYPE, type BackstoryReviewProvider } from './backstoryReviewProvider';

/** A file argument as commands receive it: a Uri, an absolute path or a URI string. */
export function toFileUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg !== '') {
    if (path.isAbsolute(arg)) return vscode.Uri.file(arg);
    if (/^[a-z][a-z0-9+.-]*:/i.test(arg)) return vscode.Uri.parse(arg, true);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, arg) : undefined;
  }
  return undefined;
}

/**
 * `personaStudio.showBackstory(file?, id?)`: opens a backstories file in the review editor and selects a
 * persona's backstory (used by the results panel: "show this persona's backstory"). Without a file it asks
 * for one among the workspace's `*.backstories.jsonl`.
 */
export async function showBackstory(provider: BackstoryReviewProvider, fileArg?: unknown, idArg?: unknown): Promise<{ uri: string; id?: string } | undefined> {
  let uri = toFileUri(fileArg);
  if (!uri) {
    const files = await vscode.workspace.findFiles('**/*.backstories.jsonl', '**/node_modules/**', 500);
    if (files.length === 0) {
      void vscode.window.showInformationMessage('No *.backstories.jsonl file in this workspace yet: generate backstories from a persona spec first.');
      return undefined;
    }
    const pick = files.length === 1 ? { uri: files[0] as vscode.Uri } : await vscode.window.showQuickPick(
      files.map((f) => ({ label: vscode.workspace.asRelativePath(f), uri: f })), { placeHolder: 'Backstories file to review' });
    if (!pick) return undefined;
    uri = pick.uri;
  }
  const id = typeof idArg === 'string' && idArg !== '' ? idArg : undefined;
  await vscode.commands.executeCommand('vscode.openWith', uri, BACKSTORY_REVIEW_VIEW_TYPE);
  if (id) provider.reveal(uri, id);
  return { uri: uri.toString(), ...(id ? { id } : {}) };
}
