import * as vscode from 'vscode';

/** Typed, sanitised reads of the `personaStudio.*` settings. */
export interface Config {
  /** Milliseconds to wait after the last keystroke before re-validating a spec. */
  readonly validationDelayMs: number;
}

export const CONFIG_SECTION = 'personaStudio';

export function readConfig(): Config {
  const c = vscode.workspace.getConfiguration(CONFIG_SECTION);
  return {
    validationDelayMs: clamp(c.get<number>('validation.delayMs', 200), 0, 5000),
  };
}

function clamp(value: number, min: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : min;
}
