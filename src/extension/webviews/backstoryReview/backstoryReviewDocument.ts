import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { buildTextSearch, readBackstoryFile, type BackstoryFile } from '../../../core/backstories/backstoryFile';
import { demographicsPathOf, findPersonaLabels, type PersonaLabels } from '../../../core/backstories/backstoryPaths';
import { readDemographicTable, type DemographicTable } from '../../../core/backstories/demographicTable';
import {
  applyReviewEntry, makeReviewEdit, parseReview, readReview, reviewPathOf, serializeReview, writeReview,
  type ReviewEdit, type ReviewEntry,
} from '../../../core/backstories/reviewSidecar';
import type { TextSearch } from '../../../core/backstories/textSearch';

/** What the demographics file gave: a table, or why there is none. */
export type Demographics = { readonly table: DemographicTable; readonly note: '' } | { readonly table: undefined; readonly note: string };

/**
 * A backstories file open in the review editor. The file itself is read-only here; what the user changes is
 * the review (flag / exclude / note per backstory), kept in memory as edits on VS Code's undo stack and
 * written to the `.review.json` sidecar on save.
 */
export class BackstoryReviewDocument implements vscode.CustomDocument {
  private readonly changed = new vscode.EventEmitter<readonly string[]>();
  /** Fires with the ids whose review changed (an edit, undo, redo or revert). */
  readonly onDidChangeReview = this.changed.event;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  private searchIndex: Promise<TextSearch> | undefined;
  private readonly reloadedEmitter = new vscode.EventEmitter<void>();
  /** Fires after the backstories or demographics file changed on disk and was read again. */
  readonly onDidReload = this.reloadedEmitter.event;
  private readonly abort = new AbortController();

  private constructor(
    readonly uri: vscode.Uri,
    public file: BackstoryFile,
    public demographics: Demographics,
    public labels: PersonaLabels | undefined,
    readonly review: Map<string, ReviewEntry>,
    readonly openMs: number,
  ) {}

  /**
   * Reads the backstories file and the review; the list can show from here. The demographic survey (often as
   * large) is read next, in `demographicsReady`, and the pages are told when it arrives (onDidReload).
   */
  static async open(uri: vscode.Uri, backupId: string | undefined, signal: AbortSignal): Promise<BackstoryReviewDocument> {
    const t0 = performance.now();
    const filePath = uri.fsPath;
    const file = await readBackstoryFile(filePath, signal);
    const [labels, review] = await Promise.all([
      findPersonaLabels(filePath),
      backupId ? fs.readFile(vscode.Uri.parse(backupId).fsPath, 'utf8').then((t) => parseReview(t, 'the unsaved review backup')) : readReview(reviewPathOf(filePath)),
    ]);
    const doc = new BackstoryReviewDocument(uri, file, { table: undefined, note: 'Reading the demographic survey…' }, labels, review, performance.now() - t0);
    doc.demographicsReady = readDemographics(filePath, file, doc.abort.signal).then((demographics) => {
      if (doc.file !== file) return; // a reload read newer files meanwhile
      doc.demographics = demographics;
      doc.reloadedEmitter.fire();
    });
    return doc;
  }

  /** Settles once the demographic survey of the file as opened has been read (or found missing). */
  demographicsReady: Promise<void> = Promise.resolve();

  /**
   * Reads the backstories and demographics files again (generation or the demographic survey rewrote them);
   * the review, which lives in its own file, stays as it is.
   */
  async reload(): Promise<void> {
    const filePath = this.uri.fsPath;
    const file = await readBackstoryFile(filePath, this.abort.signal);
    const [demographics, labels] = await Promise.all([readDemographics(filePath, file, this.abort.signal), findPersonaLabels(filePath)]);
    this.file = file;
    this.demographics = demographics;
    this.labels = labels;
    this.searchIndex = undefined;
    void this.search().catch(() => undefined);
    this.reloadedEmitter.fire();
  }

  /** The search index, built once in the background after the list has opened. */
  search(): Promise<TextSearch> {
    this.searchIndex ??= buildTextSearch(this.file, this.abort.signal);
    return this.searchIndex;
  }

  get reviewPath(): string {
    return reviewPathOf(this.uri.fsPath);
  }

  /** Changes one backstory's review; returns the edit (for the undo stack), or undefined if nothing changed. */
  edit(id: string, change: { excluded?: boolean; flagged?: boolean; note?: string }): ReviewEdit | undefined {
    if (!this.file.byId.has(id)) return undefined;
    const edit = makeReviewEdit(this.review, id, change, new Date().toISOString());
    if (edit) this.apply(edit.id, edit.after);
    return edit;
  }

  /** Sets one entry (used by do, undo and redo) and tells the pages. */
  apply(id: string, entry: ReviewEntry | undefined): void {
    applyReviewEntry(this.review, id, entry);
    this.changed.fire([id]);
  }

  async save(): Promise<void> {
    await writeReview(this.reviewPath, this.review);
  }

  /** Save As: the backstories file is copied to `target` and the review goes beside it. */
  async saveAs(target: vscode.Uri): Promise<void> {
    if (target.fsPath !== this.uri.fsPath) await fs.copyFile(this.uri.fsPath, target.fsPath);
    await writeReview(reviewPathOf(target.fsPath), this.review);
  }

  async revert(): Promise<void> {
    const saved = await readReview(this.reviewPath);
    const ids = new Set([...this.review.keys(), ...saved.keys()]);
    this.review.clear();
    for (const [id, e] of saved) this.review.set(id, e);
    this.changed.fire([...ids]);
  }

  async backup(destination: vscode.Uri): Promise<vscode.CustomDocumentBackup> {
    await fs.mkdir(vscode.Uri.joinPath(destination, '..').fsPath, { recursive: true });
    await fs.writeFile(destination.fsPath, serializeReview(this.review));
    return { id: destination.toString(), delete: () => void fs.rm(destination.fsPath, { force: true }).catch(() => undefined) };
  }

  dispose(): void {
    this.abort.abort();
    this.disposeEmitter.fire();
    this.changed.dispose();
    this.reloadedEmitter.dispose();
    this.disposeEmitter.dispose();
  }
}

async function readDemographics(filePath: string, file: BackstoryFile, signal: AbortSignal): Promise<Demographics> {
  const demoPath = demographicsPathOf(filePath);
  try {
    await fs.access(demoPath);
  } catch {
    return { table: undefined, note: `No demographic survey yet (${vscode.workspace.asRelativePath(demoPath)} does not exist): run the persona spec's demographic survey to filter by inferred demographics.` };
  }
  try {
    return { table: await readDemographicTable(demoPath, file.byId, signal), note: '' };
  } catch (err) {
    return { table: undefined, note: `Could not read ${vscode.workspace.asRelativePath(demoPath)}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
