import * as vscode from 'vscode';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { backstoriesPathOf } from '../../core/backstories/backstoryPaths';
import { readReview, reviewPathOf } from '../../core/backstories/reviewSidecar';
import { listRuns } from '../../core/runs/listRuns';
import { runsDirOf } from '../../core/runs/runPaths';
import { runLenses, type RunLensAction, type RunLensState, type SpecRunLens } from '../../core/spec/features/runLenses';
import type { SpecService } from '../../core/spec/specService';
import type { StudyEstimate } from '../../core/pipelines/study/estimateStudy';
import { estimateCostText, estimateTokens, shortCount } from '../../core/pipelines/study/costConfirmation';
import { toVsRange } from '../convert';
import type { Log } from '../log';
import type { RunController } from '../runs/runController';
import { SPEC_SELECTOR } from '../specs';

const COMMANDS: Record<RunLensAction, string> = {
  generate: 'personaStudio.generateBackstories',
  estimate: 'personaStudio.estimate',
  review: 'personaStudio.reviewBackstories',
  simulate: 'personaStudio.runSimulation',
  baselines: 'personaStudio.runBaselines',
  resume: 'personaStudio.resumeRun',
  progress: 'personaStudio.showLog',
  cancel: 'personaStudio.cancelRun',
};

class EstimateLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly uri: vscode.Uri, readonly version: number) {
    super(range);
  }
}

/**
 * `12,500 calls · ≤3.1M tokens · $1.20–$2.00` (a range: unknown texts are taken at their token limits), or
 * `… · cost unknown (no price for m)` when a model has no price: a cost that cannot be estimated is never $0.
 */
export function estimateTitle(e: StudyEstimate): string {
  return e.total.calls === 0 ? 'Estimate: nothing left to send' : `Estimate: ${e.total.calls.toLocaleString('en-US')}${e.total.callsMax > e.total.calls ? `–${e.total.callsMax.toLocaleString('en-US')}` : ''} calls · ≤${shortCount(estimateTokens(e))} tokens · ${estimateCostText(e)}`;
}

/**
 * The run lenses of persona and survey specs (`Generate backstories`, `Run simulation`, `Run baselines`,
 * `Estimate`, `Resume`, a live count with `Cancel`), computed in the core (runLenses) and converted here. Lenses
 * are kept per document version and disk state; the estimate is resolved lazily and kept per version.
 */
export class RunLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly lenses = new Map<string, { version: number; stamp: string; lenses: SpecRunLens[] }>();
  private readonly states = new Map<string, Promise<RunLensState>>();
  private readonly estimates = new Map<string, { version: number; title: Promise<string> }>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly service: () => SpecService, private readonly runs: RunController, private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{runs/**/run.json,*.backstories.jsonl,*.backstories.jsonl.review.json,*.csv}');
    const invalidate = (): void => {
      this.states.clear();
      this.estimates.clear();
      this.changed.fire();
    };
    this.disposables.push(
      watcher, watcher.onDidChange(invalidate), watcher.onDidCreate(invalidate), watcher.onDidDelete(invalidate),
      runs.onDidChange((specPath) => {
        this.states.delete(specPath);
        this.changed.fire();
      }),
      vscode.languages.registerCodeLensProvider(SPEC_SELECTOR, this),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.lenses.delete(d.uri.toString());
        this.estimates.delete(d.uri.toString());
      }),
    );
  }

  async provideCodeLenses(doc: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    if (doc.uri.scheme !== 'file') return [];
    const key = doc.uri.toString();
    const state = await this.stateOf(doc);
    const stamp = JSON.stringify(state);
    let cached = this.lenses.get(key);
    if (cached?.version !== doc.version || cached.stamp !== stamp) {
      const spec = this.service().parse(doc.getText(), doc.uri.fsPath);
      cached = { version: doc.version, stamp, lenses: spec ? runLenses(spec, state) : [] };
      this.lenses.set(key, cached);
    }
    return cached.lenses.map((l) => {
      const range = toVsRange(l.range);
      if (l.action === 'estimate') return new EstimateLens(range, doc.uri, doc.version);
      const args = l.action === 'resume' && state.unfinishedRunId !== undefined ? [doc.uri, { runDir: path.join(runsDirOf(doc.uri.fsPath), state.unfinishedRunId) }] : [doc.uri];
      return new vscode.CodeLens(range, { title: l.title, tooltip: l.tooltip, command: COMMANDS[l.action], arguments: args });
    });
  }

  async resolveCodeLens(lens: vscode.CodeLens): Promise<vscode.CodeLens> {
    if (!(lens instanceof EstimateLens)) return lens;
    const key = lens.uri.toString();
    let hit = this.estimates.get(key);
    if (hit?.version !== lens.version) {
      const title = this.runs.estimate(lens.uri).then(estimateTitle, (err: unknown) => {
        this.log.warn(`estimate of ${path.basename(lens.uri.fsPath)}: ${err instanceof Error ? err.message : String(err)}`);
        return 'Estimate: not available (see the spec\u2019s problems)';
      });
      hit = { version: lens.version, title };
      this.estimates.set(key, hit);
    }
    lens.command = { title: await hit.title, tooltip: 'Calls, tokens and cost range of what a run would still send (unknown texts at their token limits; re-asks not included). Click to log the details.', command: COMMANDS.estimate, arguments: [lens.uri] };
    return lens;
  }

  /** What the lenses need from disk and from the runs going on, read once until something changes. */
  private stateOf(doc: vscode.TextDocument): Promise<RunLensState> {
    const specPath = doc.uri.fsPath;
    const live = this.runs.liveOf(specPath);
    if (live) return Promise.resolve({ live });
    let p = this.states.get(specPath);
    if (!p) {
      p = (/\.persona\.ya?ml$/i.test(specPath) ? this.personaState(doc) : this.surveyState(specPath)).catch((err: unknown) => {
        this.log.warn(`run lenses of ${path.basename(specPath)}: ${err instanceof Error ? err.message : String(err)}`);
        return {};
      });
      this.states.set(specPath, p);
    }
    return p;
  }

  private async surveyState(specPath: string): Promise<RunLensState> {
    const unfinished = (await listRuns(specPath)).runs.find((r) => r.record.kind === 'simulation' && r.record.status !== 'done');
    return unfinished ? { unfinishedRunId: unfinished.id } : {};
  }

  private async personaState(doc: vscode.TextDocument): Promise<RunLensState> {
    const file = backstoriesPathOf(doc.uri.fsPath, this.service().parse(doc.getText(), doc.uri.fsPath)?.value);
    const s = await stat(file).catch(() => undefined);
    if (!s?.isFile()) return {};
    // an unreadable review file is the review editor's to report; the lens then shows no exclusion count
    const review = await readReview(reviewPathOf(file)).catch(() => undefined);
    const excluded = review ? [...review.values()].filter((e) => e.excluded === true).length : 0;
    return { backstories: await countLines(file), ...(excluded > 0 ? { excluded } : {}) };
  }

  dispose(): void {
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** Non-empty lines of a file, streamed (a backstories file may hold 100,000 entries): one record per line. */
async function countLines(file: string): Promise<number> {
  let n = 0;
  let lineHasText = false;
  for await (const chunk of createReadStream(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) {
      if (byte === 10) {
        if (lineHasText) n++;
        lineHasText = false;
      } else if (byte !== 13 && byte !== 32 && byte !== 9) lineHasText = true;
    }
  }
  return lineHasText ? n + 1 : n;
}
