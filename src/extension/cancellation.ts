import type * as vscode from 'vscode';

/** Converts a CancellationToken into an AbortSignal at the edge: the core only knows AbortSignal. */
export function toAbortSignal(token: vscode.CancellationToken): AbortSignal {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  else token.onCancellationRequested(() => controller.abort());
  return controller.signal;
}
