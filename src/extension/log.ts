import * as vscode from 'vscode';

/** The one log of the extension: the "Persona Studio" output channel (a LogOutputChannel). */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  debug(message: string): void;
  readonly channel: vscode.LogOutputChannel;
}

export function createLog(): Log {
  const channel = vscode.window.createOutputChannel('Persona Studio', { log: true });
  return {
    channel,
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    debug: (m) => channel.debug(m),
    error: (m, err) => channel.error(err === undefined ? m : `${m}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
  };
}
