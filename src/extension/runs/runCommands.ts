import * as vscode from 'vscode';
import type { RunController, RunOptions } from './runController';
import { backstoriesPathOf } from '../../core/backstories/backstoryPaths';
import { parseSpec } from '../../core/spec/parseSpec';
import type { Log } from '../log';
import { estimateCostText } from '../../core/pipelines/study/costConfirmation';

const specUri = (arg: unknown, pattern: RegExp): vscode.Uri | undefined => {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  return uri && uri.scheme === 'file' && pattern.test(uri.path) ? uri : undefined;
};
const SURVEY = /\.survey\.ya?ml$/i;
const PERSONA = /\.persona\.ya?ml$/i;

function runOptions(arg: unknown): RunOptions {
  const o = typeof arg === 'object' && arg !== null ? (arg as Record<string, unknown>) : {};
  return {
    ...(typeof o.count === 'number' && Number.isInteger(o.count) && o.count > 0 ? { count: o.count } : {}),
    ...(typeof o.endpoint === 'string' ? { endpoint: o.endpoint } : {}),
    ...(typeof o.runDir === 'string' ? { runDir: o.runDir } : {}),
  };
}

function needSpec(kind: string): undefined {
  void vscode.window.showInformationMessage(`Open a ${kind} spec first.`);
  return undefined;
}

/** The run commands (the lenses call them with the spec's URI; the palette uses the active editor). */
export function runCommands(runs: RunController, log: Log, customEditorOf: (file: string) => string | undefined): Record<string, (...args: unknown[]) => unknown> {
  return {
    'personaStudio.runBaselines': (uri) => {
      const u = specUri(uri, SURVEY);
      return u ? runs.runBaselines(u) : needSpec('survey (*.survey.yaml)');
    },
    'personaStudio.runSimulation': (uri, options) => {
      const u = specUri(uri, SURVEY);
      return u ? runs.simulate(u, runOptions(options)) : needSpec('survey (*.survey.yaml)');
    },
    'personaStudio.resumeRun': (uri, options) => {
      const u = specUri(uri, SURVEY);
      return u ? runs.simulate(u, runOptions(options)) : needSpec('survey (*.survey.yaml)');
    },
    'personaStudio.generateBackstories': (uri, options) => {
      const u = specUri(uri, PERSONA);
      return u ? runs.generate(u, runOptions(options)) : needSpec('persona (*.persona.yaml)');
    },
    'personaStudio.estimate': async (uri, options) => {
      const u = specUri(uri, /\.(survey|persona)\.ya?ml$/i);
      if (!u) return needSpec('survey or persona');
      try {
        const e = await runs.estimate(u, runOptions(options));
        // a stage with an unpriced model has no cost figure: never log $0 for what was not priced
        const cost = (c: { min: number; max: number }, unpriced: readonly string[]): string => (unpriced.length > 0 ? `cost unknown (no price for ${unpriced.join(', ')})` : `$${c.min.toFixed(2)}–$${c.max.toFixed(2)}`);
        const calls = (lo: number, hi: number): string => (hi > lo ? `${lo}–${hi}` : String(lo));
        for (const [stage, s] of Object.entries(e.stages)) log.info(`estimate ${stage}: ${calls(s.calls, s.callsMax)} calls (${s.counts}), input ${s.inputTokens.min}–${s.inputTokens.max} tokens, output ≤${s.outputTokens.max} tokens, ${cost(s.costUsd, s.unpricedModels)}${s.note ? ` (${s.note})` : ''}`);
        log.info(`estimate total: ${calls(e.total.calls, e.total.callsMax)} calls, ${estimateCostText(e)}; ${e.total.note}`);
        log.channel.show(true);
        return e;
      } catch (err) {
        const message = `Estimate failed: ${err instanceof Error ? err.message : String(err)}. Fix the spec's problems and try again.`;
        log.error('estimate failed', err);
        void vscode.window.showErrorMessage(message, 'Show Log').then((pick) => (pick ? log.channel.show(true) : undefined));
        return undefined;
      }
    },
    'personaStudio.cancelRun': (uri) => runs.cancel(uri instanceof vscode.Uri ? uri.fsPath : undefined),
    'personaStudio.reviewBackstories': async (uri) => {
      const u = specUri(uri, PERSONA);
      if (!u) return needSpec('persona (*.persona.yaml)');
      const doc = await vscode.workspace.openTextDocument(u);
      const file = vscode.Uri.file(backstoriesPathOf(u.fsPath, parseSpec(doc.getText(), 'persona').value));
      const viewType = customEditorOf(file.fsPath);
      return viewType ? vscode.commands.executeCommand('vscode.openWith', file, viewType) : vscode.commands.executeCommand('vscode.open', file);
    },
  };
}

/** The custom editor package.json declares for a file (matched on its `filenamePattern` suffix), if any. */
export function customEditorFor(packageJson: unknown): (file: string) => string | undefined {
  const editors = ((packageJson as { contributes?: { customEditors?: { viewType: string; selector?: { filenamePattern?: string }[] }[] } }).contributes?.customEditors) ?? [];
  return (file) => editors.find((e) => (e.selector ?? []).some((s) => s.filenamePattern !== undefined && file.endsWith(s.filenamePattern.replace(/^\*+/, ''))))?.viewType;
}
