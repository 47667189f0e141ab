import * as vscode from 'vscode';
import type { SpecService } from '../../core/spec/specService';
import type { SpecDiagnostic, SpecFix } from '../../core/spec/specDiagnostic';
import type { Config } from '../config';
import { DIAGNOSTIC_SOURCE, toVsDiagnostic } from '../convert';
import type { Log } from '../log';
import { isSpecDocument } from '../specs';

/**
 * Keeps the Problems panel in step with every open spec: validates on open, after typing (debounced),
 * and when a file a spec refers to changes on disk (human data, persona spec). Also keeps the quick
 * fixes of the latest diagnostics for the code action provider.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly fixes = new Map<string, { diagnostic: vscode.Diagnostic; fix: SpecFix }[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly service: () => SpecService,
    private readonly config: () => Config,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.validateNow(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.revalidateOthers(doc)),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{csv,sav,yaml,yml,jsonl}');
    this.disposables.push(watcher, watcher.onDidChange(() => this.revalidateAll()), watcher.onDidCreate(() => this.revalidateAll()), watcher.onDidDelete(() => this.revalidateAll()));
    for (const doc of vscode.workspace.textDocuments) this.validateNow(doc);
  }

  /** The quick fixes attached to this document's current diagnostics. */
  fixesFor(uri: vscode.Uri): readonly { diagnostic: vscode.Diagnostic; fix: SpecFix }[] {
    return this.fixes.get(uri.toString()) ?? [];
  }

  validateNow(doc: vscode.TextDocument): void {
    if (!isSpecDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    let found: SpecDiagnostic[];
    try {
      const t0 = performance.now();
      found = this.service().validate(doc.getText(), doc.uri.fsPath);
      this.log.debug(`validated ${vscode.workspace.asRelativePath(doc.uri)} in ${(performance.now() - t0).toFixed(1)} ms: ${found.length} problem(s)`);
    } catch (err) {
      this.log.error(`validation of ${doc.uri.fsPath} failed`, err);
      return;
    }
    const converted = found.map((d) => ({ spec: d, vs: toVsDiagnostic(d) }));
    this.collection.set(doc.uri, converted.map((c) => c.vs));
    this.fixes.set(key, converted.flatMap((c) => (c.spec.fix ? [{ diagnostic: c.vs, fix: c.spec.fix }] : [])));
  }

  private schedule(doc: vscode.TextDocument): void {
    if (!isSpecDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.validateNow(doc), this.config().validationDelayMs));
  }

  private revalidateOthers(saved: vscode.TextDocument): void {
    for (const doc of vscode.workspace.textDocuments) if (doc !== saved) this.validateNow(doc);
  }

  private revalidateAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.fixes.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}
