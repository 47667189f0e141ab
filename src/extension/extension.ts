import * as vscode from 'vscode';
import type { PersonaStudioApi } from './api';
import { registerCommands } from './commands';
import { readConfig, CONFIG_SECTION, type Config } from './config';
import { DiagnosticsController } from './language/diagnosticsController';
import { registerLanguageProviders } from './language/languageProviders';
import { ApiKeys } from './endpoints/apiKeys';
import { createLog } from './log';
import { RunsTreeProvider, type RunsNode } from './runs/runsTree';
import { lazySpecService } from './specs';
import { ResultLensProvider } from './language/resultLensProvider';
import { ResultsPanels } from './webviews/results/resultsPanels';
import { RunController } from './runs/runController';
import { customEditorFor } from './runs/runCommands';
import { RunLensProvider } from './language/runLensProvider';
import { BackstoryReviewProvider } from './webviews/backstoryReview/backstoryReviewProvider';

/** Extension entry point: builds the context and registers every provider and command. */
export function activate(context: vscode.ExtensionContext): PersonaStudioApi {
  const t0 = performance.now();
  const log = createLog();
  context.subscriptions.push(log.channel);
  try {
    // read once per change; an ignored personaStudio.modelPrices entry is said then, not on every estimate
    const load = (): Config => {
      const c = readConfig();
      for (const problem of c.modelPriceProblems) log.warn(`${problem}; the entry is ignored`);
      return c;
    };
    let config: Config = load();
    const service = lazySpecService();
    const diagnostics = new DiagnosticsController(service, () => config, log);
    context.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(CONFIG_SECTION)) return;
        config = load();
        log.info(`configuration changed: ${JSON.stringify(config)}`);
        // Specs name endpoints: a renamed or added endpoint changes their diagnostics.
        if (e.affectsConfiguration(`${CONFIG_SECTION}.endpoints`)) diagnostics.revalidate();
      }),
    );
    const results = new ResultsPanels(context.extensionUri, log);
    const keys = new ApiKeys(context.secrets);
    const runner = new RunController({ log, config: () => config, keys, results });
    const backstories = BackstoryReviewProvider.register(context, log);
    const runsTree = new RunsTreeProvider(runner);
    const resultLenses = new ResultLensProvider(service, log);
    let runsView: vscode.TreeView<RunsNode> | undefined;
    context.subscriptions.push(
      backstories.disposable, runsTree,
      (runsView = vscode.window.createTreeView('personaStudio.runs', { treeDataProvider: runsTree, canSelectMany: true, showCollapseAll: true })),
      runsTree.attach(runsView),
    );
    context.subscriptions.push(
      diagnostics, results, runner, resultLenses, new RunLensProvider(service, runner, log), ...registerLanguageProviders(service, diagnostics),
      // a run's end writes analysis.json from this process; file events for it can be missed (code-server), so
      // the run controller's own events refresh the result lenses too
      runner.onDidChange(() => resultLenses.invalidate()),
      ...registerCommands({
        log, diagnostics, results, config: () => config, keys,
        backstories: backstories.provider, runs: { tree: runsTree, view: () => runsView },
        runner, customEditorOf: customEditorFor(context.extension.packageJSON),
      }),
    );
    // Problems in specs that are not open show up too, without delaying activation.
    setTimeout(() => void diagnostics.validateWorkspace().catch((err: unknown) => log.error('workspace validation failed', err)), 0);
    log.info(`Persona Studio ${String(context.extension.packageJSON.version)} activated in ${(performance.now() - t0).toFixed(1)} ms; configuration ${JSON.stringify(config)}`);
    return { backstoryReview: backstories.provider, runsTree, resultsPanels: results };
  } catch (err) {
    log.error('activation failed', err);
    void vscode.window.showErrorMessage(`Persona Studio failed to start: ${err instanceof Error ? err.message : String(err)}. See the "Persona Studio" output channel.`);
    throw err;
  }
}

export function deactivate(): void {
  // Everything registered lives in context.subscriptions and is disposed by VS Code.
}
