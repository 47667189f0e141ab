import * as vscode from 'vscode';
import path from 'node:path';
import type { EndpointConfig } from '../../core/llm/endpointConfig';
import { modelOfSpec } from '../../core/llm/modelOfSpec';
import type { StudyEstimate } from '../../core/pipelines/study/estimateStudy';
import type { StageProgressEvent } from '../../core/pipelines/shared/stageContext';
import { parseSpec } from '../../core/spec/parseSpec';
import { costOfTokens } from '../../core/llm/costOfTokens';
import { costConfirmation, shortCount, type ConfirmationLimits } from '../../core/pipelines/study/costConfirmation';
import { toAbortSignal } from '../cancellation';
import { HOW_TO_SET_PRICE, type Config } from '../config';
import type { ApiKeys } from '../endpoints/apiKeys';
import type { Log } from '../log';
import type { ResultsPanels } from '../webviews/results/resultsPanels';
import { RunProgress } from './runProgress';

/** How a run from the editor ended. `refused`: not started (untrusted, no endpoint, no key); `declined`: the cost was not confirmed. */
export interface RunOutcome {
  readonly status: 'done' | 'cancelled' | 'failed' | 'refused' | 'declined';
  readonly runDir?: string;
  readonly message?: string;
}

/** Options a caller (a lens, a test, a walkthrough) may pass to a run command. */
export interface RunOptions {
  /** Backstories wanted instead of the persona spec's count (small runs). */
  readonly count?: number;
  /** A configured endpoint's name, instead of the spec's (or the picker). */
  readonly endpoint?: string;
  /** Continue this run folder. */
  readonly runDir?: string;
}

export interface RunControllerDeps {
  readonly log: Log;
  readonly config: () => Config;
  readonly keys: ApiKeys;
  readonly results: ResultsPanels;
  /** Workspace Trust (injected so tests can run the untrusted path). @default vscode.workspace.isTrusted */
  readonly isTrusted?: () => boolean;
  /**
   * Asks the user to confirm a run's estimate; true runs it. Injected so tests can answer (a modal dialog cannot be
   * clicked from a test). @default a modal warning with a `Run` button
   */
  readonly confirm?: (message: string, detail: string) => Promise<boolean>;
}

interface LiveRun {
  readonly abort: AbortController;
  readonly progress: RunProgress;
  readonly label: string;
  /** The run folder being continued (a Resume), when known before the run ends. */
  readonly runDir?: string;
  /** The last progress event (its stage's request totals). */
  last?: StageProgressEvent;
}

/** What the runs explorer shows of a run going on: its stage count and the request totals of its current stage. */
export interface LiveRunState {
  readonly stage: string;
  readonly done: number;
  readonly total: number;
  readonly unit: string;
  /** The run folder being continued, when the run is a Resume (a new run's folder is the newest `running` one). */
  readonly runDir?: string;
  /** Requests of the current stage answered or failed so far (the journal's answers of a resumed run included). */
  readonly calls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** USD of those tokens at the default list prices; null when a model has no price (never $0 for that). */
  readonly costUsd: number | null;
  readonly unpricedModels: readonly string[];
}

/** The default confirmation: a modal warning; only its `Run` button runs. */
async function askModal(message: string, detail: string): Promise<boolean> {
  const run = 'Run';
  return (await vscode.window.showWarningMessage(message, { modal: true, detail }, run)) === run;
}

const TRUST_HINT = 'Trust this workspace to run it (Workspaces: Manage Workspace Trust); untrusted, Persona Studio only validates specs and runs baselines.';

/**
 * The one run controller of the editor: every run (generation, simulation, baselines, estimate) goes through the
 * core pipelines (runStudy.ts, analyzeStudy.ts) from here, with a cancellable progress notification (counts, rate,
 * ETA), a status bar item, the cost confirmation, the endpoint picker and Workspace Trust. Cancel aborts the
 * pipeline's AbortSignal: what was answered stays in the run's journal and `Resume` continues it.
 */
export class RunController implements vscode.Disposable {
  private readonly live = new Map<string, LiveRun>();
  private readonly changed = new vscode.EventEmitter<string>();
  /** Fires with a spec's path when a run of it starts, progresses, or ends. */
  readonly onDidChange = this.changed.event;
  private readonly status = vscode.window.createStatusBarItem('personaStudio.run', vscode.StatusBarAlignment.Left, 50);

  constructor(private readonly deps: RunControllerDeps) {
    this.status.name = 'Persona Studio run';
    this.status.command = 'personaStudio.showLog';
  }

  private trusted(): boolean {
    return (this.deps.isTrusted ?? (() => vscode.workspace.isTrusted))();
  }

  /** The live progress of a spec's run, if one goes. */
  liveOf(specPath: string): { done: number; total: number; unit: string } | undefined {
    const r = this.live.get(specPath);
    return r ? { done: r.progress.done, total: r.progress.total, unit: r.progress.unit || 'units' } : undefined;
  }

  /** The prices of `personaStudio.modelPrices` for estimates and run totals. */
  private pricing(): { prices: Config['modelPrices']; howToSetPrice: string } {
    return { prices: this.deps.config().modelPrices, howToSetPrice: HOW_TO_SET_PRICE };
  }

  /** A spec's run going on, with its request totals so far (for the runs explorer); undefined when none goes. */
  liveRunOf(specPath: string): LiveRunState | undefined {
    const r = this.live.get(specPath);
    if (!r) return undefined;
    const e = r.last;
    const c = e?.requests;
    const cost = costOfTokens(c?.tokensByModel ?? {}, { prices: this.deps.config().modelPrices });
    return {
      stage: e?.stage ?? '', done: r.progress.done, total: r.progress.total, unit: r.progress.unit || 'units',
      ...(r.runDir === undefined ? {} : { runDir: r.runDir }),
      calls: c ? c.sent + c.cached + c.fromJournal + c.failed : 0,
      promptTokens: c?.promptTokens ?? 0, completionTokens: c?.completionTokens ?? 0,
      costUsd: cost.usd, unpricedModels: cost.unpricedModels,
    };
  }

  /** Cancels the run of a spec (or every run): the pipeline stops at its next request boundary. */
  cancel(specPath?: string): boolean {
    const runs = specPath === undefined ? [...this.live.values()] : [this.live.get(specPath)].filter((r): r is LiveRun => r !== undefined);
    for (const r of runs) r.abort.abort();
    return runs.length > 0;
  }

  /** `Run baselines`: offline; analyzeStudy's baselines run folder, then the results panel beside the spec. */
  async runBaselines(uri: vscode.Uri): Promise<RunOutcome> {
    const specPath = uri.fsPath;
    return this.track(specPath, `Baselines of ${path.basename(specPath)}`, undefined, async (signal, onProgress) => {
      const { analyzeStudy } = await import('../../core/pipelines/analysis/analyzeStudy');
      const r = await analyzeStudy(specPath, { signal, onProgress: (m) => { this.deps.log.info(`baselines: ${m}`); onProgress(undefined, m); } });
      await this.deps.results.open(uri, { runId: path.basename(r.runDir) });
      return { status: 'done', runDir: r.runDir };
    });
  }

  /** `Run simulation` / `Resume`: the whole study (missing backstories, matching, the survey), resumable. */
  async simulate(uri: vscode.Uri, options: RunOptions = {}): Promise<RunOutcome> {
    return this.runStudy(uri, 'simulate', options);
  }

  /** `Generate backstories` of a persona spec. */
  async generate(uri: vscode.Uri, options: RunOptions = {}): Promise<RunOutcome> {
    return this.runStudy(uri, 'generate', options);
  }

  /** What a run of the spec would still send (no endpoint needed). */
  async estimate(uri: vscode.Uri, options: RunOptions = {}): Promise<StudyEstimate> {
    const { estimateSpec } = await import('../../core/pipelines/study/runStudy');
    return estimateSpec(uri.fsPath, { ...(options.count === undefined ? {} : { count: options.count }), ...this.pricing() });
  }

  private async runStudy(uri: vscode.Uri, kind: 'simulate' | 'generate', options: RunOptions): Promise<RunOutcome> {
    const specPath = uri.fsPath;
    const what = kind === 'simulate' ? 'Simulation' : 'Backstory generation';
    const study = await import('../../core/pipelines/study/runStudy');
    const { generateSendsRequests, noEndpoint } = await import('../../core/pipelines/study/studyEndpoints');
    let offline = false;
    try {
      offline = kind === 'generate' && !generateSendsRequests(specPath);
    } catch (err) {
      return this.failed(what, specPath, err);
    }
    // personas made without a model (meta, import, bio/qa/portray) contact nothing: like baselines, they run untrusted
    if (!offline && !this.trusted()) {
      const message = `${what} of ${path.basename(specPath)} contacts a model endpoint. ${TRUST_HINT}`;
      void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((pick) => (pick ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
      this.deps.log.warn(message);
      return { status: 'refused', message };
    }
    if (offline) {
      // meta, import and bio/qa/portray personas are made without a model: no endpoint is picked, nothing is contacted
      return this.track(specPath, `${what} of ${path.basename(specPath)}`, undefined, async (signal, onProgress) => {
        const r = await study.generatePersonas(specPath, {
          ...noEndpoint('add one to the setting personaStudio.endpoints (a name and a base URL)'),
          ...(options.count === undefined ? {} : { count: options.count }),
          signal,
          onProgress: (e: StageProgressEvent) => onProgress(e),
          onMessage: (line: string) => this.deps.log.info(`${kind}: ${line}`),
        });
        const mp = r.methodPersonas;
        void vscode.window.showInformationMessage(mp ? `Generated: ${mp.personas} personas in ${path.basename(mp.path)}${mp.failed ? ` (${mp.failed} failed)` : ''}.` : `Generated: ${r.backstories.length} backstories in ${path.basename(r.backstoriesPath)}.`);
        return { status: 'done' };
      });
    }
    const endpoint = await this.pickEndpoint(specPath, options.endpoint);
    if (!endpoint) return { status: 'refused', message: 'no endpoint chosen' };
    const { resolveEndpoint } = await import('../../core/llm/resolveEndpoint');
    let resolved: ReturnType<typeof resolveEndpoint>;
    try {
      resolved = resolveEndpoint({ name: endpoint.name }, [endpoint], {});
    } catch (err) {
      return this.failed(what, specPath, err, 'Fix the endpoint in the setting personaStudio.endpoints.');
    }
    const apiKey = await this.deps.keys.get(endpoint);
    const { createEndpointClient } = await import('../../adapters/openai/createEndpointClient');
    const { client } = createEndpointClient(resolved, apiKey === undefined ? { env: {} } : { apiKey });
    const access = { client, cacheScope: resolved.baseUrl, mode: 'live' as const };
    let locator: { access: typeof access; baseUrl: string } | undefined;
    try {
      locator = await this.locatorEndpoint(specPath, endpoint, access);
    } catch (err) {
      return this.failed(what, specPath, err);
    }
    const limits: ConfirmationLimits = { costAboveUsd: this.deps.config().confirmCostAboveUsd, callsAbove: this.deps.config().confirmCallsAbove };
    return this.track(specPath, `${what} of ${path.basename(specPath)}`, kind === 'simulate' ? options.runDir : undefined, async (signal, onProgress) => {
      const o = {
        access,
        endpoint: { baseUrl: resolved.baseUrl },
        ...(locator ? { locator } : {}),
        ...(options.count === undefined ? {} : { count: options.count }),
        signal,
        onProgress: (e: StageProgressEvent) => onProgress(e),
        onMessage: (line: string) => this.deps.log.info(`${kind}: ${line}`),
        confirm: (e: StudyEstimate) => this.confirmCost(e, limits),
        ...this.pricing(),
      };
      if (kind === 'generate') {
        const r = await study.generatePersonas(specPath, o);
        const mp = r.methodPersonas;
        void vscode.window.showInformationMessage(mp ? `Generated: ${mp.personas} personas in ${path.basename(mp.path)}${mp.failed ? ` (${mp.failed} failed)` : ''}.` : `Generated: ${r.backstories.length} backstories in ${path.basename(r.backstoriesPath)}.`);
        return { status: 'done' };
      }
      const r = await study.simulateStudy(specPath, { ...o, ...(options.runDir === undefined ? {} : { runDir: options.runDir }) });
      void vscode.window.showInformationMessage(`Simulation ${r.record.id} done: ${r.record.totals.calls} calls.`, 'Open Results').then((pick) => (pick ? this.deps.results.open(uri, { runId: r.record.id }) : undefined));
      return { status: 'done', runDir: r.runDir };
    });
  }

  /**
   * The locator's endpoint when the persona spec sends the locator questions to another configured endpoint
   * (`demographics.locator.endpoint`), through the same factory; `undefined` = the run's. A name that is not
   * configured is logged and the locator goes to the run's endpoint (the spec check flags the name).
   */
  private async locatorEndpoint<A extends { readonly client: unknown; readonly cacheScope: string }>(specPath: string, run: EndpointConfig, access: A): Promise<{ access: A; baseUrl: string } | undefined> {
    const { studyEndpointNames } = await import('../../core/pipelines/study/studyEndpoints');
    const names = studyEndpointNames(specPath);
    if (names.locator === undefined || names.locator === run.name) return undefined;
    const configured = this.deps.config().endpoints.find((e) => e.name === names.locator);
    if (!configured) {
      this.deps.log.warn(`${path.basename(names.locatorSpec ?? specPath)}: the locator's endpoint '${names.locator}' is not configured (personaStudio.endpoints): the locator goes to '${run.name}' too`);
      return undefined;
    }
    const { resolveEndpoint } = await import('../../core/llm/resolveEndpoint');
    const { createEndpointClient } = await import('../../adapters/openai/createEndpointClient');
    const resolved = resolveEndpoint({ name: configured.name }, [configured], {});
    const apiKey = await this.deps.keys.get(configured);
    const { client } = createEndpointClient(resolved, apiKey === undefined ? { env: {} } : { apiKey });
    this.deps.log.info(`${path.basename(names.locatorSpec ?? specPath)}: the locator questions go to '${configured.name}' (${resolved.baseUrl})`);
    return { access: { ...access, client, cacheScope: resolved.baseUrl }, baseUrl: resolved.baseUrl };
  }

  /**
   * Asks before a run sends anything when its estimate is above `personaStudio.confirmCostAboveUsd`, or, when its
   * cost cannot be estimated (a model has no price), when it sends more calls than `personaStudio.confirmCallsAbove`.
   * An unpriced run is never shown as $0: the dialog says "cost unknown" with its calls and tokens.
   */
  private async confirmCost(e: StudyEstimate, limits: ConfirmationLimits): Promise<boolean> {
    const c = costConfirmation(e, limits);
    this.deps.log.info(`estimate: ${c.summary} (${e.total.note})`);
    if (c.ask === undefined) return true;
    const message = c.ask === 'calls'
      ? `This run's cost is unknown (no price for ${c.unpricedModels.join(', ')}): it sends ${c.calls.toLocaleString('en-US')} calls, ~${shortCount(c.tokens)} tokens, above your limit of ${limits.callsAbove.toLocaleString('en-US')} calls (personaStudio.confirmCallsAbove).`
      : `This run sends ${c.summary}, above your limit of $${limits.costAboveUsd.toFixed(2)} (personaStudio.confirmCostAboveUsd).`;
    const detail = `${c.unpricedModels.length > 0 && c.ask === 'cost' ? `The priced part alone costs up to $${e.total.costUsdFirstTry.max.toFixed(2)} with nothing re-asked; the cost of ${c.unpricedModels.join(', ')} is unknown. ` : ''}Tokens are counted at the upper end (unknown texts at their token limits, answers at max_tokens). ${e.total.note}.`;
    const ok = await (this.deps.confirm ?? askModal)(message, detail);
    this.deps.log.info(`estimate ${ok ? 'confirmed' : 'declined'}: ${message}`);
    return ok;
  }

  /** The spec's `endpoint:` when it is configured; else the only configured one (when the spec names none), else a QuickPick over `personaStudio.endpoints`. */
  private async pickEndpoint(specPath: string, name: string | undefined): Promise<EndpointConfig | undefined> {
    const endpoints = this.deps.config().endpoints;
    let wanted = name;
    if (wanted === undefined) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === specPath);
      const text: string = doc ? doc.getText() : Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.file(specPath))).toString('utf8');
      wanted = modelOfSpec(parseSpec(text, /\.persona\.ya?ml$/i.test(specPath) ? 'persona' : 'survey').value).endpoint;
    }
    const found = endpoints.find((e) => e.name === wanted);
    if (found) return found;
    if (wanted === undefined && endpoints.length === 1) {
      this.deps.log.info(`${path.basename(specPath)} names no endpoint: using the only one configured, '${endpoints[0]!.name}'`);
      return endpoints[0];
    }
    if (endpoints.length === 0) {
      const open = 'Open Settings';
      const pick = await vscode.window.showWarningMessage('No endpoints are configured: add one to the setting personaStudio.endpoints (a name and a base URL), or run baselines, which need none.', open);
      if (pick === open) void vscode.commands.executeCommand('workbench.action.openSettings', 'personaStudio.endpoints');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      endpoints.map((e) => ({ label: e.name, description: e.baseUrl, endpoint: e })),
      { placeHolder: wanted === undefined ? 'The spec names no endpoint: which one?' : `No endpoint named '${wanted}' is configured: which one?` },
    );
    return picked?.endpoint;
  }

  /** Runs `body` with a cancellable notification, the status bar item and the spec's live entry; maps errors. */
  private async track(specPath: string, title: string, runDir: string | undefined, body: (signal: AbortSignal, onProgress: (e: StageProgressEvent | undefined, line?: string) => void) => Promise<RunOutcome>): Promise<RunOutcome> {
    if (this.live.has(specPath)) {
      void vscode.window.showInformationMessage(`${path.basename(specPath)} already has a run going; cancel it first.`);
      return { status: 'refused', message: 'a run of this spec is going' };
    }
    const run: LiveRun = { abort: new AbortController(), progress: new RunProgress(), label: path.basename(specPath), ...(runDir === undefined ? {} : { runDir: path.resolve(runDir) }) };
    this.live.set(specPath, run);
    this.changed.fire(specPath);
    this.showStatus();
    this.deps.log.info(`${title}: started`);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
        const fromToken = toAbortSignal(token);
        fromToken.addEventListener('abort', () => run.abort.abort());
        let lastFire = 0;
        try {
          const outcome = await body(run.abort.signal, (e, line) => {
            if (e) {
              run.last = e;
              const { message, increment } = run.progress.update(e);
              progress.report({ message, increment });
              if (Date.now() - lastFire > 250 || e.done === e.total) {
                lastFire = Date.now();
                this.changed.fire(specPath);
                this.showStatus();
              }
            } else if (line) progress.report({ message: line });
          });
          this.deps.log.info(`${title}: ${outcome.status}${outcome.runDir ? ` (${outcome.runDir})` : ''}`);
          return outcome;
        } catch (err) {
          if (run.abort.signal.aborted) {
            const message = `${title} cancelled; everything answered is kept in the run's journal. Click Resume on the spec to continue.`;
            this.deps.log.info(message);
            void vscode.window.showInformationMessage(message);
            return { status: 'cancelled', message };
          }
          return this.failed(title, specPath, err);
        }
      });
    } finally {
      this.live.delete(specPath);
      this.changed.fire(specPath);
      this.showStatus();
    }
  }

  private async failed(title: string, specPath: string, err: unknown, hint?: string): Promise<RunOutcome> {
    const { PipelineError } = await import('../../core/pipelines/shared/pipelineError');
    if (PipelineError.is(err, 'declined')) {
      this.deps.log.info(`${title}: not started, the estimate was not confirmed`);
      return { status: 'declined', message: err.message };
    }
    const reason = typeof err === 'object' && err !== null && typeof (err as { reason?: unknown }).reason === 'string' ? (err as { reason: string }).reason : 'error';
    const message = `${title} failed (${reason}): ${err instanceof Error ? err.message : String(err)}${hint ? ` ${hint}` : ''}`;
    this.deps.log.error(`${title} of ${specPath} failed`, err);
    void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => (pick ? this.deps.log.channel.show(true) : undefined));
    return { status: 'failed', message };
  }

  private showStatus(): void {
    const runs = [...this.live.values()];
    if (runs.length === 0) {
      this.status.hide();
      return;
    }
    const r = runs[0]!;
    const count = r.progress.total > 0 ? ` ${r.progress.done}/${r.progress.total}` : '';
    this.status.text = `$(sync~spin) ${r.label}${count}${runs.length > 1 ? ` (+${runs.length - 1})` : ''}`;
    this.status.tooltip = 'Persona Studio run in progress (click for the log)';
    this.status.show();
  }

  dispose(): void {
    this.cancel();
    this.status.dispose();
    this.changed.dispose();
  }
}
