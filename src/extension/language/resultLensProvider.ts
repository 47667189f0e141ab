import * as vscode from 'vscode';
import { parseAnalysisReport } from '../../core/results/parseAnalysisReport';
import { lensResults, type LensResults } from '../../core/results/lensResults';
import { newestAnalyzedRun } from '../../core/runs/listRuns';
import { RUN_FILES } from '../../core/runs/runRecord';
import { resultLenses, type SpecResultLens } from '../../core/spec/features/resultLenses';
import type { SpecService } from '../../core/spec/specService';
import { toVsRange } from '../convert';
import type { Log } from '../log';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const RECHECK_MS = 2000;
const SURVEY_SELECTOR: vscode.DocumentSelector = [{ language: 'yaml', pattern: '**/*.survey.{yaml,yml}' }];

/**
 * `Open results` and the per-question `WD · human · drift` lenses of survey specs, computed in the core
 * (resultLenses) and converted here. Results are read once per spec and kept until a run's analysis.json or
 * run.json changes; lenses are kept per document version, so typing costs one outline walk per version.
 */
export class ResultLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly results = new Map<string, { at: number; results: Promise<LensResults | undefined> }>();
  private readonly lenses = new Map<string, { version: number; results: LensResults | undefined; lenses: SpecResultLens[] }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Which run and analysis.json version a LensResults object was read from. */
  private readonly stamps = new WeakMap<LensResults, string>();

  constructor(private readonly service: () => SpecService, private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/runs/**/{${RUN_FILES.analysis},${RUN_FILES.record}}`);
    const invalidate = (): void => this.invalidate();
    this.disposables.push(watcher, watcher.onDidChange(invalidate), watcher.onDidCreate(invalidate), watcher.onDidDelete(invalidate),
      vscode.languages.registerCodeLensProvider(SURVEY_SELECTOR, this),
      vscode.workspace.onDidCloseTextDocument((d) => this.lenses.delete(d.uri.toString())));
  }

  /** Forgets what it read and asks VS Code for fresh lenses (a run started, progressed or ended). */
  invalidate(): void {
    this.results.clear();
    this.lenses.clear();
    this.changed.fire();
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (doc.uri.scheme !== 'file') return [];
    const key = doc.uri.toString();
    let cached = this.lenses.get(key);
    const results = await this.resultsFor(doc.uri.fsPath);
    if (cached?.version !== doc.version || cached.results !== results) {
      const spec = this.service().parse(doc.getText(), doc.uri.fsPath);
      cached = { version: doc.version, results, lenses: spec ? resultLenses(spec, results) : [] };
      this.lenses.set(key, cached);
    }
    return cached.lenses.map((l) => new vscode.CodeLens(toVsRange(l.range), {
      title: l.title,
      tooltip: l.tooltip,
      command: 'personaStudio.openResults',
      arguments: [doc.uri, ...(l.questionId !== undefined ? [{ question: l.questionId }] : [])],
    }));
  }

  /**
   * The spec's newest analysed run, read again at most every RECHECK_MS while lenses are asked for (a run
   * folder listing: cheap) besides the watcher's invalidation, so a missed file event never leaves stale lenses.
   */
  private resultsFor(specPath: string): Promise<LensResults | undefined> {
    const hit = this.results.get(specPath);
    if (hit && Date.now() - hit.at < RECHECK_MS) return hit.results;
    const previous = hit?.results;
    const p = (async () => {
        const run = await newestAnalyzedRun(specPath);
        if (!run) return undefined;
        const stamp = `${run.id}@${run.analysisMtimeMs ?? 0}`;
        const old = await previous;
        if (old && this.stamps.get(old) === stamp) return old; // unchanged: keep the object, so the lens cache holds
        const fresh = lensResults(parseAnalysisReport(await readFile(path.join(run.dir, RUN_FILES.analysis), 'utf8'), `${run.id}/${RUN_FILES.analysis}`), run.id, run.record.method);
        if (fresh) this.stamps.set(fresh, stamp);
        return fresh;
      })().catch((err: unknown) => {
        this.log.warn(`results lenses for ${path.basename(specPath)}: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      });
    this.results.set(specPath, { at: Date.now(), results: p });
    return p;
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
