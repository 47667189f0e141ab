import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as vscode from 'vscode';
import type { AnalysisReport } from '../../../core/pipelines/analysis/analysisReport';
import { loadPersonaAnswers } from '../../../core/results/loadPersonaAnswers';
import { metricTable } from '../../../core/results/metricTable';
import { parseAnalysisReport } from '../../../core/results/parseAnalysisReport';
import type { PersonaAnswersData } from '../../../core/results/personaAnswers';
import { ResultsError } from '../../../core/results/resultsError';
import { listRuns, newestAnalyzedRun, parseRunRecord } from '../../../core/runs/listRuns';
import { isRunId, runsDirOf } from '../../../core/runs/runPaths';
import { RUN_FILES, type RunRecord } from '../../../core/runs/runRecord';
import { defaultUiState, isPanelState, RESULTS_VIEW_TYPE, type ComparedRun, type ExportFormat, type ResultsPanelState, type ResultsTab, type ResultsUiState, type RunComparison, MAX_COMPARED } from '../../../protocol/resultsPanel';
import { PROTOCOL_VERSION, type ResponseMessage } from '../../../protocol/rpc';
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
  /** Personas per simulation method, loaded once per report (dropped when the report changes). */
  personas: Map<string, Promise<PersonaAnswersData>>;
  /** Other run folders (absolute) in the run comparison, in the order they were added. */
  compared: string[];
  /** Runs dropped from the restored comparison (folder deleted since), said in the page until the comparison changes. */
  note: string | null;
  /** Requests answered per method, for the in-host tests (positive signals, not sleeps). */
  readonly answered: Record<string, number>;
  /** Answers one protocol message as the page's messages are answered. */
  handle(raw: unknown): Promise<ResponseMessage | undefined>;
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
  /** Run ids in the run comparison besides this run. */
  readonly compared: readonly string[];
  /** What the page saves with setState and the serializer restores (its compared folders relative to the workspace). */
  readonly restorable: ResultsPanelState;
  /** Runs dropped from a restored comparison, as the page says it; else null. */
  readonly comparisonNote: string | null;
  /** Requests the page sent and the host answered, per method. */
  readonly answered: Readonly<Record<string, number>>;
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
  /** The serializer VS Code revives the panels with after a reload (the in-host tests revive through it too). */
  readonly serializer: vscode.WebviewPanelSerializer = { deserializeWebviewPanel: (panel, state) => this.revive(panel, state) };

  constructor(private readonly extensionUri: vscode.Uri, private readonly log: Log) {
    this.registration = vscode.window.registerWebviewPanelSerializer(RESULTS_VIEW_TYPE, this.serializer);
  }

  /** Opens (or reveals) the panel for a spec, on its newest analysed run or on `runId`. */
  async open(specUri: vscode.Uri, options: { readonly runId?: string; readonly question?: string; readonly tab?: ResultsTab } = {}): Promise<OpenedResults> {
    const loaded = await this.load(specUri, options.runId);
    const key = specUri.toString();
    const existing = this.panels.get(key);
    const focus = options.question !== undefined ? { tab: 'questions' as const, question: options.question } : options.tab !== undefined ? { tab: options.tab } : {};
    if (existing) {
      existing.ui = { ...(existing.ui ?? defaultUiState), ...focus };
      this.replace(existing, loaded);
      existing.panel.reveal(undefined, true);
      return this.describe(existing);
    }
    const panel = vscode.window.createWebviewPanel(RESULTS_VIEW_TYPE, this.title(specUri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, panelOptions(this.extensionUri));
    return this.describe(this.attach(panel, loaded, 'tab' in focus ? { ...defaultUiState, ...focus } : null));
  }

  /**
   * Opens the panel of the first run's spec on that run with the other runs in its comparison (Compare tab).
   * Every folder must be a run folder with an analysis.json.
   */
  async compareRuns(dirs: readonly string[]): Promise<OpenedResults> {
    const [first, ...others] = dirs;
    if (first === undefined) throw new ResultsError('not-found', 'no run folder to compare');
    const record = await readRecord(first);
    const specUri = vscode.Uri.file(path.resolve(first, record.surveySpec.path));
    for (const d of others) await readComparedRun(d, false); // fails early, with the run named, when one cannot be read
    // opened on the Compare tab from the start: a new page asks for its first state as soon as it loads, which can be
    // before the comparison below is set (it then showed the Metrics tab)
    const opened = await this.open(specUri, { runId: path.basename(first), tab: 'compare' });
    const entry = this.panels.get(specUri.toString())!;
    entry.compared = [...new Set(others.map((d) => path.resolve(d)))].filter((d) => d !== path.resolve(first)).slice(0, MAX_COMPARED);
    entry.note = null;
    entry.ui = { ...(entry.ui ?? defaultUiState), tab: 'compare' };
    this.replace(entry, entry.source);
    return { ...this.describe(entry), pageReady: opened.pageReady };
  }

  /**
   * Answers a request of the panel's protocol for a spec's open panel exactly as a message from its page is
   * answered (same checks, same actions): the in-host tests drive the host side with it.
   */
  async ask(specUri: vscode.Uri, method: string, params: unknown): Promise<ResponseMessage | undefined> {
    const entry = this.panels.get(specUri.toString());
    if (!entry) throw new ResultsError('not-found', `no results panel is open for ${path.basename(specUri.fsPath)}`);
    return entry.handle({ v: PROTOCOL_VERSION, type: 'request', id: 0, method, params });
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
    return { viewType: RESULTS_VIEW_TYPE, spec: p.source.spec, runId: p.source.runId, questions: p.source.report.survey.questions.length, pageReady: p.readyCount, ui: p.ui, compared: p.compared.map((d) => path.basename(d)), answered: { ...p.answered },
      restorable: { v: 1, spec: p.source.spec, runId: p.source.runId, ui: p.ui ?? defaultUiState, compared: p.compared.map((d) => this.folderOf(p, d)) }, comparisonNote: p.note };
  }

  /** A run folder relative to the workspace folder of the panel's spec (else the spec's folder), `/`-separated. */
  private folderOf(p: OpenPanel, dir: string): string {
    return path.relative(baseOf(vscode.Uri.parse(p.source.spec)), dir).split(path.sep).join('/') || '.';
  }

  /** What the page is told: the report, and the comparison's size, folders and note. */
  private sourceOf(p: OpenPanel, next: ResultsSource = p.source): ResultsSource {
    return { ...next, comparedRuns: p.compared.length, comparedFolders: p.compared.map((d) => this.folderOf(p, d)), comparisonNote: p.note };
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
      const entry = this.attach(panel, loaded, state.ui);
      // the compared runs are re-read: a run folder deleted (or no longer analysed) since is left out, with a note
      const ownDir = path.resolve(runsDirOf(specUri.fsPath), loaded.runId);
      const kept: string[] = [];
      const dropped: string[] = [];
      for (const rel of [...new Set(state.compared ?? [])]) {
        const dir = path.resolve(baseOf(specUri), rel);
        if (dir === ownDir || kept.includes(dir)) continue;
        try {
          await readComparedRun(dir, false);
          kept.push(dir);
        } catch (err) {
          dropped.push(`${rel} (${err instanceof Error ? err.message : String(err)})`);
        }
      }
      entry.compared = kept;
      entry.note = dropped.length > 0 ? `Left out of the run comparison since it was saved: ${dropped.join('; ')}.` : null;
      if (dropped.length > 0) this.log.info(`results: ${entry.note}`);
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
    const entry: OpenPanel = { panel, source, ui, readyCount: 0, disposables: [], personas: new Map(), compared: [], note: null, answered: {}, handle: async () => undefined };
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
      personas: (method: string, runDir: string) => {
        let loaded = entry.personas.get(method);
        if (!loaded) {
          loaded = loadPersonaAnswers(method, path.resolve(path.dirname(specUri.fsPath), runDir));
          entry.personas.set(method, loaded);
          loaded.catch(() => entry.personas.delete(method));
        }
        return loaded;
      },
      showBackstory: async (file: string, id: string) => {
        const shown = await vscode.commands.executeCommand<{ id?: string } | undefined>('personaStudio.showBackstory', vscode.Uri.file(file), id);
        return shown?.id === id;
      },
      comparison: () => this.comparison(entry),
      addRun: async () => {
        await this.pickRun(entry);
        entry.note = null;
        return this.comparison(entry);
      },
      removeRun: (key: string) => {
        entry.compared = entry.compared.filter((d) => compareKey(entry, d) !== key);
        entry.note = null;
        return this.comparison(entry);
      },
    };
    entry.handle = async (raw: unknown) => {
      // a new page has no saved state: it starts from the one the panel was opened with (a question, a tab)
      const r = raw as { method?: unknown; params?: { ui?: unknown } } | null;
      const msg = r?.method === 'ready' && r.params?.ui === null && entry.ui ? { ...r, params: { ui: entry.ui } } : raw;
      const reply = await handleResultsMessage(() => this.sourceOf(entry), actions, msg);
      if (reply?.ok) {
        const m = String((raw as { method?: unknown }).method);
        entry.answered[m] = (entry.answered[m] ?? 0) + 1;
      }
      return reply;
    };
    entry.disposables.push(
      panel.webview.onDidReceiveMessage(async (raw: unknown) => {
        const reply = await entry.handle(raw);
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
    if (entry.source !== next) entry.personas = new Map();
    entry.source = next;
    void entry.panel.webview.postMessage({ v: PROTOCOL_VERSION, type: 'notification', method: 'report/changed', params: resultsInit(this.sourceOf(entry, next), entry.ui) });
  }

  /** This run and the runs compared with it, each with its metric table (a run that cannot be read is left out, logged). */
  private async comparison(entry: OpenPanel): Promise<RunComparison> {
    const specUri = vscode.Uri.parse(entry.source.spec);
    const ownDir = path.join(runsDirOf(specUri.fsPath), entry.source.runId);
    const runs: ComparedRun[] = [];
    // the panel may have moved to a newer run since one was added: never list a run twice
    const others = entry.compared.filter((d) => path.resolve(d) !== path.resolve(ownDir));
    for (const [dir, current] of [[ownDir, true], ...others.map((d) => [d, false] as const)] as const) {
      try {
        const run = await readComparedRun(dir, current, current ? entry.source.report : undefined);
        runs.push({ ...run, key: compareKey(entry, dir) });
      } catch (err) {
        this.log.warn(`results: run ${dir} left out of the comparison: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    return { runs, folders: entry.compared.map((d) => this.folderOf(entry, d)), note: entry.note };
  }

  /** "Add run…": a quick pick of the spec's analysed runs not yet compared. */
  private async pickRun(entry: OpenPanel): Promise<void> {
    const specPath = vscode.Uri.parse(entry.source.spec).fsPath;
    const list = await listRuns(specPath);
    const taken = new Set([path.join(runsDirOf(specPath), entry.source.runId), ...entry.compared].map((d) => path.resolve(d)));
    const items = list.runs.filter((r) => r.hasAnalysis && !taken.has(path.resolve(r.dir))).map((r) => ({
      label: r.record.method,
      description: [r.record.model, r.record.createdAt.replace('T', ' ').slice(0, 16), r.record.summary?.wd_mean != null ? `WD ${r.record.summary.wd_mean.toFixed(3)}` : undefined].filter(Boolean).join(' · '),
      detail: r.id,
      dir: r.dir,
    }));
    if (items.length === 0) {
      void vscode.window.showInformationMessage(`No other analysed run of ${path.basename(specPath)} to add. Runs of other specs: select them in the Runs view and choose Compare Selected Runs.`);
      return;
    }
    const pick = await vscode.window.showQuickPick(items, { placeHolder: 'Run to add to the comparison', matchOnDescription: true, matchOnDetail: true });
    if (pick) entry.compared = [...entry.compared, path.resolve(pick.dir)];
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

async function readRecord(dir: string): Promise<RunRecord> {
  let text: string;
  try {
    text = await readFile(path.join(dir, RUN_FILES.record), 'utf8');
  } catch {
    throw new ResultsError('not-found', `${path.basename(dir)} is not a run folder (it has no ${RUN_FILES.record})`);
  }
  const record = parseRunRecord(text);
  if (typeof record === 'string') throw new ResultsError('corrupt', `${path.basename(dir)}/${RUN_FILES.record}: ${record}`);
  return record;
}

/** A run of the comparison: its label facts (method, model, date) and its analysis's metric table. */
async function readComparedRun(dir: string, current: boolean, report?: AnalysisReport): Promise<Omit<ComparedRun, 'key'>> {
  const record = await readRecord(dir);
  let r = report;
  if (!r) {
    let text: string;
    try {
      text = await readFile(path.join(dir, RUN_FILES.analysis), 'utf8');
    } catch {
      throw new ResultsError('not-found', `run ${path.basename(dir)} has no ${RUN_FILES.analysis} yet: analyse it first`);
    }
    r = parseAnalysisReport(text, `${path.basename(dir)}/${RUN_FILES.analysis}`);
  }
  return {
    runId: path.basename(dir),
    specName: path.basename(path.resolve(dir, record.surveySpec.path)),
    method: record.method,
    model: record.model ?? null,
    date: record.createdAt || r.createdAt,
    current,
    table: metricTable(r),
  };
}

/** The folder compared runs are saved relative to: the spec's workspace folder, else the spec's own folder. */
function baseOf(specUri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(specUri)?.uri.fsPath ?? path.dirname(specUri.fsPath);
}

/** The key of a compared run: its id under this spec's runs folder, else `<folder>/<id>`. */
function compareKey(entry: OpenPanel, dir: string): string {
  const own = runsDirOf(vscode.Uri.parse(entry.source.spec).fsPath);
  return path.resolve(path.dirname(dir)) === path.resolve(own) ? path.basename(dir) : `${path.basename(path.dirname(dir))}/${path.basename(dir)}`;
}
