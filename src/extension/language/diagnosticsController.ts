import path from 'node:path';
import * as vscode from 'vscode';
import { ReferenceIndex } from '../../core/spec/referenceIndex';
import type { SpecService } from '../../core/spec/specService';
import type { SpecAction, SpecFix } from '../../core/spec/specDiagnostic';
import { specKindOf } from '../../core/spec/specKind';
import type { Config } from '../config';
import { DIAGNOSTIC_SOURCE, toVsDiagnostic } from '../convert';
import type { Log } from '../log';

/** Glob of every spec file in the workspace. */
export const SPEC_GLOB = '**/*.{survey,persona}.{yaml,yml}';
const EXCLUDE_GLOB = '**/{node_modules,.git,.vscode-test}/**';

/** The quick fixes of one diagnostic: an edit of the spec and/or actions such as opening a setting. */
export interface DiagnosticFixes {
  readonly diagnostic: vscode.Diagnostic;
  readonly fix?: SpecFix;
  readonly actions: readonly SpecAction[];
}

/** What "Validate All Specs" found. */
export interface WorkspaceValidation {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
}

/**
 * Keeps the Problems panel in step with every spec in the workspace, open or not: open specs are
 * validated from their editor buffer (on open, and after typing, debounced), the others from disk;
 * a change to a file a spec refers to (human data, backstories, census tables, the persona spec)
 * re-validates the specs that name it. Only those files are watched, one watcher each: run folders'
 * journals, caches and answers are not data and never trigger validation. Keeps the quick fixes of the
 * latest diagnostics for the code action provider.
 */
export class DiagnosticsController implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** One pending "re-validate everything": a save fires both the save event and the file watcher. */
  private revalidateAllTimer: NodeJS.Timeout | undefined;
  private readonly revalidateAlso = new Map<string, vscode.Uri>();
  private revalidateEverySpec = false;
  /** Spec URI → the files it names (absolute paths), and one watcher per named file. */
  private readonly references = new ReferenceIndex();
  private readonly fileWatchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly fixes = new Map<string, DiagnosticFixes[]>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor(
    private readonly service: () => SpecService,
    private readonly config: () => Config,
    private readonly log: Log,
  ) {
    const specs = vscode.workspace.createFileSystemWatcher(SPEC_GLOB);
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.validateDocument(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => void this.validateFromDisk(doc.uri)),
      vscode.workspace.onDidSaveTextDocument(() => this.revalidateAll()),
      specs,
      specs.onDidCreate((uri) => void this.validateFromDisk(uri)),
      specs.onDidChange((uri) => this.revalidateAll(uri)),
      specs.onDidDelete((uri) => this.forget(uri)),
    );
    for (const doc of vscode.workspace.textDocuments) this.validateDocument(doc);
  }

  /** Validates every spec in the workspace; resolves to the number of files checked and what they hold. */
  async validateWorkspace(): Promise<WorkspaceValidation> {
    const uris = await vscode.workspace.findFiles(SPEC_GLOB, EXCLUDE_GLOB);
    await Promise.all(uris.map((uri) => this.validateFromDisk(uri)));
    let errors = 0;
    let warnings = 0;
    for (const uri of uris) {
      for (const d of this.collection.get(uri) ?? []) {
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) warnings++;
      }
    }
    return { files: uris.length, errors, warnings };
  }

  /** The quick fixes attached to this document's current diagnostics. */
  fixesFor(uri: vscode.Uri): readonly DiagnosticFixes[] {
    return this.fixes.get(uri.toString()) ?? [];
  }

  /** Re-validates every spec with problems and every open spec (after a settings change, e.g. the endpoints). */
  revalidate(): void {
    this.revalidateAll();
  }

  validateDocument(doc: vscode.TextDocument): void {
    if (specKindOf(doc.fileName) === undefined) return;
    this.validateText(doc.uri, doc.getText());
  }

  private async validateFromDisk(uri: vscode.Uri): Promise<void> {
    if (specKindOf(uri.path) === undefined) return;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return this.validateDocument(open);
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.validateText(uri, new TextDecoder('utf-8').decode(bytes));
    } catch {
      this.forget(uri); // deleted or unreadable: nothing to report
    }
  }

  private validateText(uri: vscode.Uri, text: string): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    try {
      const t0 = performance.now();
      const found = this.service().validate(text, uri.fsPath, { endpointNames: this.config().endpoints.map((e) => e.name) });
      this.log.debug(`validated ${vscode.workspace.asRelativePath(uri)} in ${(performance.now() - t0).toFixed(1)} ms: ${found.length} problem(s)`);
      this.watchReferences(uri, this.service().links(text, uri.fsPath).map((l) => l.target));
      const converted = found.map((d) => ({ spec: d, vs: toVsDiagnostic(d) }));
      this.collection.set(uri, converted.map((c) => c.vs));
      this.fixes.set(key, converted.flatMap((c) => (c.spec.fix || c.spec.actions ? [{ diagnostic: c.vs, actions: c.spec.actions ?? [], ...(c.spec.fix ? { fix: c.spec.fix } : {}) }] : [])));
    } catch (err) {
      this.log.error(`validation of ${uri.fsPath} failed`, err);
    }
  }

  private schedule(doc: vscode.TextDocument): void {
    if (specKindOf(doc.fileName) === undefined) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => this.validateDocument(doc), this.config().validationDelayMs));
  }

  /** Re-validates every spec that has diagnostics (open or not), plus `also`, once for a burst of triggers. */
  private revalidateAll(also?: vscode.Uri): void {
    this.revalidateEverySpec = true;
    this.revalidateUris(also ? [also] : []);
  }

  /** Re-validates `uris` (coalesced with other triggers of the same burst). */
  private revalidateUris(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) this.revalidateAlso.set(uri.toString(), uri);
    clearTimeout(this.revalidateAllTimer);
    this.revalidateAllTimer = setTimeout(() => {
      this.revalidateAllTimer = undefined;
      const pending = new Map(this.revalidateAlso);
      this.revalidateAlso.clear();
      if (this.revalidateEverySpec) {
        this.collection.forEach((uri) => void pending.set(uri.toString(), uri));
        for (const doc of vscode.workspace.textDocuments) if (specKindOf(doc.fileName)) pending.set(doc.uri.toString(), doc.uri);
      }
      this.revalidateEverySpec = false;
      for (const uri of pending.values()) void this.validateFromDisk(uri);
    }, 50);
  }

  /** Watches exactly the files `spec` names; a change to one re-validates the specs that name it. */
  private watchReferences(spec: vscode.Uri, files: readonly string[]): void {
    const { added, removed } = this.references.set(spec.toString(), files);
    for (const file of removed) {
      this.fileWatchers.get(file)?.dispose();
      this.fileWatchers.delete(file);
    }
    for (const file of added) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const changed = (): void => this.revalidateUris(this.references.specsReferencing(file).map((key) => vscode.Uri.parse(key)));
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete(changed);
      this.fileWatchers.set(file, watcher);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.fixes.delete(key);
    this.collection.delete(uri);
    for (const file of this.references.delete(key)) {
      this.fileWatchers.get(file)?.dispose();
      this.fileWatchers.delete(file);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    clearTimeout(this.revalidateAllTimer);
    for (const d of this.disposables) d.dispose();
    for (const w of this.fileWatchers.values()) w.dispose();
    this.fileWatchers.clear();
  }
}
