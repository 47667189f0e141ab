import * as vscode from 'vscode';

/** Extension entry point: builds the context and registers every provider and command. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Persona Studio', { log: true });
  context.subscriptions.push(log);
  log.info('Persona Studio activated');
}

export function deactivate(): void {
  // Everything registered lives in context.subscriptions and is disposed by VS Code.
}
