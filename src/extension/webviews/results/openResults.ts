import * as vscode from 'vscode';
import { ResultsError } from '../../../core/results/resultsError';
import type { Log } from '../../log';
import type { OpenedResults, ResultsPanels } from './resultsPanels';

const isSurveySpec = (uri: vscode.Uri): boolean => /\.survey\.ya?ml$/i.test(uri.path);

/**
 * `personaStudio.openResults [uri] [{ question?, runId? }]`: the results panel beside a survey spec (the given
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
