import * as vscode from 'vscode';
import { clearApiKey, setApiKey, testEndpoint, type EndpointCommandContext } from './endpoints/endpointCommands';
import { importSurveyData } from './importSurveyData';
import type { DiagnosticsController } from './language/diagnosticsController';
import type { Log } from './log';
import { runsCommands } from './runs/runsCommands';
import type { RunsNode, RunsTreeProvider } from './runs/runsTree';
import { showBackstory } from './webviews/backstoryReview/backstoryCommands';
import type { BackstoryReviewProvider } from './webviews/backstoryReview/backstoryReviewProvider';
import { compareRuns, openResults } from './webviews/results/openResults';
import type { ResultsPanels } from './webviews/results/resultsPanels';
import type { RunController } from './runs/runController';
import { runCommands } from './runs/runCommands';

/** Everything a command needs. */
export interface CommandContext extends EndpointCommandContext {
  readonly log: Log;
  readonly diagnostics: DiagnosticsController;
  readonly backstories: BackstoryReviewProvider;
  readonly runs: { readonly tree: RunsTreeProvider; readonly view: () => vscode.TreeView<RunsNode> | undefined };
  readonly results: ResultsPanels;
  readonly runner: RunController;
  /** The custom editor package.json declares for a file, if any. */
  readonly customEditorOf: (file: string) => string | undefined;
}

/** Every command of the extension, one prefix, one place (their titles live in package.json). */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'personaStudio.validateWorkspace': async () => {
      const found = await ctx.diagnostics.validateWorkspace();
      const summary = `checked ${found.files} spec file(s): ${found.errors} error(s), ${found.warnings} warning(s)`;
      ctx.log.info(`Validate All Specs: ${summary}`);
      void vscode.window.setStatusBarMessage(`Persona Studio: ${summary}`, 8000);
      // The problems themselves are in the Problems panel: bring it up when there are any.
      if (found.errors + found.warnings > 0) await vscode.commands.executeCommand('workbench.actions.view.problems');
      return found.files;
    },
    'personaStudio.showLog': () => ctx.log.channel.show(true),
    'personaStudio.testEndpoint': (name) => testEndpoint(ctx, name),
    'personaStudio.setApiKey': (name, key) => setApiKey(ctx, name, key),
    'personaStudio.clearApiKey': (name) => clearApiKey(ctx, name),
    'personaStudio.showBackstory': (file, id) => showBackstory(ctx.backstories, file, id),
    ...runsCommands(ctx.runs.tree, ctx.runs.view),
    'personaStudio.openResults': (uri, options) => openResults(ctx.results, ctx.log, uri, options),
    'personaStudio.compareRuns': (...folders) => compareRuns(ctx.results, ctx.log, ...folders),
    'personaStudio.importSurveyData': (uri) => importSurveyData(ctx.log, uri),
    ...runCommands(ctx.runner, ctx.log, ctx.customEditorOf),
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run));
}
