import * as vscode from 'vscode';
import type { DiagnosticsController } from './language/diagnosticsController';
import type { Log } from './log';

/** Everything a command needs. */
export interface CommandContext {
  readonly log: Log;
  readonly diagnostics: DiagnosticsController;
}

/** Every command of the extension, one prefix, one place (their titles live in package.json). */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const commands: Record<string, (...args: unknown[]) => unknown> = {
    'personaStudio.validateWorkspace': async () => {
      const n = await ctx.diagnostics.validateWorkspace();
      void vscode.window.setStatusBarMessage(`Persona Studio: checked ${n} spec file(s)`, 4000);
      return n;
    },
    'personaStudio.showLog': () => ctx.log.channel.show(true),
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run));
}
