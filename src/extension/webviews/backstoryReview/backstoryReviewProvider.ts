import * as vscode from 'vscode';
import { toAbortSignal } from '../../cancellation';
import type { Log } from '../../log';
import { panelOptions, setPanelHtml } from '../webviewOptions';
import { BackstoryReviewDocument } from './backstoryReviewDocument';
import { BackstoryReviewSession } from './backstoryReviewSession';

export const BACKSTORY_REVIEW_VIEW_TYPE = 'personaStudio.backstoryReview';

/**
 * The backstory review editor for `*.backstories.jsonl`: a custom editor whose edits are review decisions,
 * on VS Code's undo/redo stack, saved to the `.review.json` sidecar ("Reopen Editor With… → Text Editor"
 * shows the file itself).
 */
export class BackstoryReviewProvider implements vscode.CustomEditorProvider<BackstoryReviewDocument> {
  private readonly changes = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<BackstoryReviewDocument>>();
  readonly onDidChangeCustomDocument = this.changes.event;
  private readonly sessions = new Map<string, Set<BackstoryReviewSession>>();
  private readonly documents = new Map<string, BackstoryReviewDocument>();
  /** Reveals asked for before an editor of the file was resolved. */
  private readonly pendingReveals = new Map<string, string>();

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {}

  static register(context: vscode.ExtensionContext, log: Log): { provider: BackstoryReviewProvider; disposable: vscode.Disposable } {
    const provider = new BackstoryReviewProvider(context.extensionUri, log);
    const disposable = vscode.window.registerCustomEditorProvider(BACKSTORY_REVIEW_VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: true,
      webviewOptions: { enableFindWidget: true },
    });
    return { provider, disposable };
  }

  async openCustomDocument(uri: vscode.Uri, context: vscode.CustomDocumentOpenContext, token: vscode.CancellationToken): Promise<BackstoryReviewDocument> {
    const doc = await BackstoryReviewDocument.open(uri, context.backupId, toAbortSignal(token));
    this.log.info(`backstory review: opened ${uri.fsPath} (${doc.file.records.length} backstories, ${doc.file.problemCount} skipped lines) in ${doc.openMs.toFixed(0)} ms`);
    const key = uri.toString();
    this.documents.set(key, doc);
    doc.onDidDispose(() => {
      if (this.documents.get(key) === doc) this.documents.delete(key);
    });
    // Then the search index, while the user looks at the list (after the demographics: both take the CPU).
    void doc.demographicsReady.then(() => doc.search()).catch(() => undefined);
    // Generation rewrites the backstories file and the demographic survey writes its own: read them again.
    const dir = vscode.Uri.joinPath(uri, '..');
    const base = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(dir, `{${base},${base.replace(/\.backstories\.jsonl$/i, '')}.demographics.jsonl}`));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reloadSoon = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        doc.reload().then(
          () => this.log.info(`backstory review: ${uri.fsPath} changed on disk; read again (${doc.file.records.length} backstories)`),
          (err: unknown) => this.log.error(`backstory review: could not read ${uri.fsPath} again`, err),
        );
      }, 300);
    };
    const subs = [watcher, watcher.onDidChange(reloadSoon), watcher.onDidCreate(reloadSoon), watcher.onDidDelete(reloadSoon)];
    doc.onDidDispose(() => {
      if (timer !== undefined) clearTimeout(timer);
      for (const d of subs) d.dispose();
    });
    return doc;
  }

  async resolveCustomEditor(doc: BackstoryReviewDocument, panel: vscode.WebviewPanel): Promise<void> {
    panel.webview.options = panelOptions(this.extensionUri);
    const session = new BackstoryReviewSession(doc, panel, (id, change) => this.edit(doc, id, change), (m) => this.log.info(m));
    const key = doc.uri.toString();
    let set = this.sessions.get(key);
    if (!set) this.sessions.set(key, (set = new Set()));
    set.add(session);
    const pending = this.pendingReveals.get(key);
    if (pending !== undefined) {
      this.pendingReveals.delete(key);
      session.reveal(pending);
    }
    panel.onDidDispose(() => {
      session.dispose();
      set.delete(session);
    });
    setPanelHtml(panel.webview, this.extensionUri, 'backstoryReview', 'Backstory review');
  }

  /** Applies a review change and puts it on VS Code's undo stack. */
  edit(doc: BackstoryReviewDocument, id: string, change: { excluded?: boolean; flagged?: boolean; note?: string }): boolean {
    const e = doc.edit(id, change);
    if (!e) return false;
    const what = change.excluded !== undefined ? (change.excluded ? 'Exclude' : 'Include') : change.flagged !== undefined ? (change.flagged ? 'Flag' : 'Unflag') : 'Note on';
    this.changes.fire({
      document: doc,
      label: `${what} ${id}`,
      undo: () => doc.apply(e.id, e.before),
      redo: () => doc.apply(e.id, e.after),
    });
    return true;
  }

  /** The open document of a file, if any (for commands and tests). */
  documentOf(uri: vscode.Uri): BackstoryReviewDocument | undefined {
    return this.documents.get(uri.toString());
  }

  /** Selects a backstory in every open editor of the file. */
  reveal(uri: vscode.Uri, id: string): void {
    const set = this.sessions.get(uri.toString());
    if (!set || set.size === 0) this.pendingReveals.set(uri.toString(), id);
    for (const s of set ?? []) s.reveal(id);
  }

  saveCustomDocument(doc: BackstoryReviewDocument): Promise<void> {
    return doc.save();
  }

  saveCustomDocumentAs(doc: BackstoryReviewDocument, destination: vscode.Uri): Promise<void> {
    return doc.saveAs(destination);
  }

  revertCustomDocument(doc: BackstoryReviewDocument): Promise<void> {
    return doc.revert();
  }

  backupCustomDocument(doc: BackstoryReviewDocument, context: vscode.CustomDocumentBackupContext): Promise<vscode.CustomDocumentBackup> {
    return doc.backup(context.destination);
  }
}
