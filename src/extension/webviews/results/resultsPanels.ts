import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../../core/pipelines/analysis/analysisReport';
import { parseAnalysisReport } from '../../../core/results/parseAnalysisReport';
import { ResultsError } from '../../../core/results/resultsError';
import { newestAnalyzedRun } from '../../../core/runs/listRuns';
import { isRunId, runsDirOf } from '../../../core/runs/runPaths';
import { RUN_FILES } from '../../../core/runs/runRecord';
import { defaultUiState, isPanelState, RESULTS_VIEW_TYPE, type ExportFormat, type ResultsUiState } from '../../../protocol/resultsPanel';
import { PROTOCOL_VERSION } from '../../../protocol/rpc';
import type { Log } from '../../log';
import { createNonce, webviewMessageHtml } from '../webviewHtml';
import { panelOptions, setPanelHtml } from '../webviewOptions';
import { handleResultsMessage, resultsInit, type ResultsSource } from './resultsHandler';

interface OpenPanel {
  readonly panel: vscode.WebviewPanel;
  source: ResultsSource;
  ui: ResultsUiState | null;
  /** `ready` requests answered: the page loaded under its CSP and spoke the protocol. */
  readyCount: number;
  readonly disposables: vscode.Disposable[];
}

/** What `personaStudio.openResults` returns (used by the in-host tests). */
export interface OpenedResults {
  readonly viewType: string;
  readonly spec: string;
  readonly runId: string;
  readonly questions: number;
  /** How many times the page asked for its data (0 until the page has loaded). */
  readonly pageReady: number;
  /** The page's last reported UI state. */
  readonly ui: ResultsUiState | null;
}

const saveFilters: Record<ExportFormat, Record<string, string[]>> = {
  png: { 'PNG image': ['png'] }, svg: { 'SVG image': ['svg'] }, csv: { 'CSV table': ['csv'] }, json: { JSON: ['json'] },
};

/**
 * The results panels: one per survey spec, opened beside it (revealed when already open), restored after a
 * reload by the serializer from the page's saved state (spec URI, run id, UI choices), and refreshed when the
 * run's analysis.json changes.
 */
export class ResultsPanels implements vscode.Disposable {
  private readonly panels = new Map<string, OpenPanel>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {
    this.registration = vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state) => this.revive(panel, state),
    });
  }

  /** Opens (or reveals) the panel for a spec, on its newest analysed run or on `runId`. */
  async open(specUri: vscode.Uri, options: { readonly runId?: string; readonly question?: string } = {}): Promise<OpenedResults> {
    const loaded = await this.load(specUri, options.runId);
    const key = specUri.toString();
    const existing = this.panels.get(key);
    const focus = options.question !== undefined ? { tab: 'questions' as const, question: options.question } : {};
    if (existing) {
      existing.ui = { ...(existing.ui ?? defaultUiState), ...focus };
      this.replace(existing, loaded);
      existing.panel.reveal(undefined, true);
      return this.describe(existing);
    }
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, this.title(specUri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(this.extensionUri));
    return this.describe(this.attach(panel, loaded, options.question !== undefined ? { ...defaultUiState, ...focus } : null));
  }

  /** The open panels (for tests and the runs explorer). */
  opened(): OpenedResults[] {
    return [...this.panels.values()].map((p) => this.describe(p));
  }

  dispose(): void {
    this.registration.dispose();
    for (const p of [...this.panels.values()]) p.panel.dispose();
  }

  private describe(p: OpenPanel): OpenedResults {
    return { viewType: RESULTS_VIEW_TYPE, spec: p.source.spec, runId: p.source.runId, questions: p.source.report.survey.questions.length, pageReady: p.readyCount, ui: p.ui };
  }

  private title(specUri: vscode.Uri): string {
    return `Results: ${path.basename(specUri.fsPath)}`;
  }

  private async revive(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    panel.webview.options = panelOptions(this.extensionUri);
    if (!isPanelState(state)) {
      panel.webview.html = webviewMessageHtml({ cspSource: panel.webview.cspSource, nonce: createNonce(), title: 'Results', message: 'This results panel could not be restored. Run "Persona Studio: Open Results" on the survey spec.' });
      return;
    }
    try {
      const specUri = vscode.Uri.parse(state.spec, true);
      if (specUri.scheme !== 'file') throw new ResultsError('not-found', 'the spec is not a local file');
      const loaded = await this.load(specUri, state.runId);
      this.attach(panel, loaded, state.ui);
    } catch (err) {
      this.log.warn(`results panel not restored: ${err instanceof Error ? err.message : String(err)}`);
      panel.webview.html = webviewMessageHtml({ cspSource: panel.webview.cspSource, nonce: createNonce(), title: 'Results', message: `These results could not be restored: ${err instanceof Error ? err.message : String(err)}` });
    }
  }

  private async load(specUri: vscode.Uri, runId?: string): Promise<ResultsSource> {
    const specPath = specUri.fsPath;
    let id = runId;
    if (id === undefined) {
      const run = await newestAnalyzedRun(specPath);
      if (!run) throw new ResultsError('not-found', `${path.basename(specPath)} has no analysed run yet: run baselines or a simulation first (results are read from runs/${path.basename(runsDirOf(specPath))}/<run>/${RUN_FILES.analysis})`);
      id = run.id;
    }
    if (!isRunId(id)) throw new ResultsError('not-found', `"${id}" is not a run id`);
    const file = path.join(runsDirOf(specPath), id, RUN_FILES.analysis);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new ResultsError('not-found', `run ${id} has no ${RUN_FILES.analysis}`);
    }
    const report: AnalysisReport = parseAnalysisReport(text, `${id}/${RUN_FILES.analysis}`);
    return { spec: specUri.toString(), specName: path.basename(specPath), runId: id, report };
  }

  private attach(panel: vscode.WebviewPanel, source: ResultsSource, ui: ResultsUiState | null): OpenPanel {
    const key = source.spec;
    this.panels.get(key)?.panel.dispose();
    const entry: OpenPanel = { panel, source, ui, readyCount: 0, disposables: [] };
    this.panels.set(key, entry);
    panel.title = this.title(vscode.Uri.parse(key));
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'results.svg');
    const specUri = vscode.Uri.parse(key);
    const actions = {
      reveal: (id: string, line: number | undefined) => this.reveal(specUri, id, line),
      save: (format: ExportFormat, name: string, data: string) => this.save(specUri, format, name, data),
      state: (next: ResultsUiState) => {
        entry.ui = next;
      },
    };
    entry.disposables.push(
      panel.webview.onDidReceiveMessage(async (raw: unknown) => {
        const reply = await handleResultsMessage(() => entry.source, actions, raw);
        if (reply?.ok && (raw as { method?: unknown }).method === 'ready') {
          entry.readyCount++;
          entry.ui = (reply.result as { ui: ResultsUiState }).ui;
        }
        if (reply) void panel.webview.postMessage(reply);
        else this.log.warn('results panel: dropped a message that is not a request of its protocol');
      }),
      panel.onDidDispose(() => {
        if (this.panels.get(key) === entry) this.panels.delete(key);
        for (const d of entry.disposables) d.dispose();
      }),
    );
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(runsDirOf(specUri.fsPath)), `*/${RUN_FILES.analysis}`));
    const reload = (): void => void this.load(specUri).then((next) => this.replace(entry, next)).catch((err: unknown) => this.log.warn(`results: reload failed: ${err instanceof Error ? err.message : String(err)}`));
    entry.disposables.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload));
    setPanelHtml(panel.webview, this.extensionUri, 'resultsPanel', panel.title);
    return entry;
  }

  private replace(entry: OpenPanel, next: ResultsSource): void {
    entry.source = next;
    void entry.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: 'notification', method: 'report/changed', params: resultsInit(next, entry.ui) });
  }

  private async reveal(specUri: vscode.Uri, id: string, line: number | undefined): Promise<boolean> {
    const doc = await vscode.workspace.openTextDocument(specUri);
    // the analysis records the line when it was run; the spec may have moved since, so check the id is there
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const idLine = new RegExp(`\\bid:\\s*["']?${escaped}["']?\\s*(,|}|#|$)`);
    let found = line !== undefined && line < doc.lineCount && idLine.test(doc.lineAt(line).text) ? line : undefined;
    for (let i = 0; found === undefined && i < doc.lineCount; i++) if (idLine.test(doc.lineAt(i).text)) found = i;
    line = found ?? line;
    const at = line === undefined ? 0 : Math.min(Math.max(0, line), doc.lineCount - 1);
    const range = doc.lineAt(at).range;
    const column = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === specUri.toString())?.viewColumn ?? vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: range, preserveFocus: false });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return line !== undefined;
  }

  private async save(specUri: vscode.Uri, format: ExportFormat, name: string, data: string): Promise<boolean> {
    const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(specUri, '..', name), filters: saveFilters[format], title: `Save ${format.toUpperCase()}` });
    if (!target) return false;
    const bytes = format === 'png' ? Buffer.from(data.slice('data:image/png;base64,'.length), 'base64') : Buffer.from(data, 'utf8');
    await vscode.workspace.fs.writeFile(target, bytes);
    this.log.info(`results: saved ${target.fsPath}`);
    return true;
  }
}
