import * as vscode from 'vscode';
import { ResultsError } from '../../../core/results/resultsError';
import { resultsTabs, type ResultsTab } from '../../../protocol/resultsPanel';
import type { Log } from '../../log';
import type { OpenedResults, ResultsPanels } from './resultsPanels';

const isSurveySpec = (uri: vscode.Uri): boolean => /\.survey\.ya?ml$/i.test(uri.path);

/**
 * `personaStudio.openResults [uri] [{ question?, runId?, tab? }]`: the results panel beside a survey spec (the given
 * one, else the active editor's), on its newest analysed run. Says what to do when there is none.
 */
export async function openResults(panels: ResultsPanels, log: Log, uriArg: unknown, optionsArg: unknown): Promise<OpenedResults | undefined> {
  const uri = uriArg instanceof vscode.Uri ? uriArg : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file' || !isSurveySpec(uri)) {
    void vscode.window.showInformationMessage('Open a survey spec (*.survey.yaml) to see its results.');
    return undefined;
  }
  const o = typeof optionsArg === 'object' && optionsArg !== null ? (optionsArg as Record<string, unknown>) : {};
  const options = {
    ...(typeof o.question === 'string' ? { question: o.question } : {}),
    ...(typeof o.runId === 'string' ? { runId: o.runId } : {}),
    ...(typeof o.tab === 'string' && (resultsTabs as readonly string[]).includes(o.tab) ? { tab: o.tab as ResultsTab } : {}),
  };
  try {
    return await panels.open(uri, options);
  } catch (err) {
    if (ResultsError.is(err)) {
      void vscode.window.showWarningMessage(err.message);
      return undefined;
    }
    log.error('opening results failed', err);
    void vscode.window.showErrorMessage(`Persona Studio could not open the results: ${err instanceof Error ? err.message : String(err)}`, 'Show Log').then((pick) => {
      if (pick) log.channel.show(true);
    });
    return undefined;
  }
}

/** A run folder argument: a Uri, a path, or a runs-explorer node (`{ entry: { dir } }`). */
function runDirOf(arg: unknown): string | undefined {
  if (arg instanceof vscode.Uri) return arg.scheme === 'file' ? arg.fsPath : undefined;
  if (typeof arg === 'string' && arg !== '') return arg;
  const dir = (arg as { entry?: { dir?: unknown } } | null)?.entry?.dir;
  return typeof dir === 'string' ? dir : undefined;
}

/**
 * `personaStudio.compareRuns [folders]`: the results panel of the first run's spec, on that run, with every
 * other run's metrics beside it in the Compare tab (method × metric with intervals and each run's human bound).
 * Accepts run folder Uris or paths (one array, or several arguments, as the runs explorer's multi-selection
 * passes them). With fewer than two, asks the user to select two runs.
 */
export async function compareRuns(panels: ResultsPanels, log: Log, ...args: unknown[]): Promise<OpenedResults | undefined> {
  const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  const dirs = [...new Set(flat.map(runDirOf).filter((d): d is string => d !== undefined))];
  if (dirs.length < 2) {
    void vscode.window.showInformationMessage('Select two or more runs (Ctrl/Cmd+click) in the Runs view, then choose Compare Selected Runs; or open a run\'s results and use "Add run…" in the Compare tab.');
    return undefined;
  }
  try {
    return await panels.compareRuns(dirs);
  } catch (err) {
    if (ResultsError.is(err)) {
      void vscode.window.showWarningMessage(`Cannot compare these runs: ${err.message}`);
      return undefined;
    }
    log.error('comparing runs failed', err);
    void vscode.window.showErrorMessage(`Persona Studio could not compare the runs: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
}
