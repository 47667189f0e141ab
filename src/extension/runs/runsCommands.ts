import * as vscode from 'vscode';
import { RUN_FILES } from '../../core/runs/runRecord';
import { isResumable, type RunsNode, type RunsTreeProvider } from './runsTree';

type RunNode = Extract<RunsNode, { kind: 'run' }>;
const isRun = (n: unknown): n is RunNode => typeof n === 'object' && n !== null && (n as RunsNode).kind === 'run';
const dirOf = (n: RunsNode): vscode.Uri | undefined => (n.kind === 'run' ? vscode.Uri.file(n.entry.dir) : n.kind === 'problem' ? vscode.Uri.file(n.problem.dir) : undefined);

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

async function hasCommand(id: string): Promise<boolean> {
  return (await vscode.commands.getCommands(true)).includes(id);
}

/** The runs explorer's commands (ids under `personaStudio.runs.`), given the tree. */
export function runsCommands(tree: RunsTreeProvider, view: () => vscode.TreeView<RunsNode> | undefined): Record<string, (...args: unknown[]) => unknown> {
  return {
    'personaStudio.runs.refresh': () => tree.refresh(),
    'personaStudio.runs.openResults': async (node) => {
      if (!isRun(node)) return undefined;
      if (await hasCommand('personaStudio.openResults')) return vscode.commands.executeCommand('personaStudio.openResults', node.spec, { runId: node.entry.id });
      const analysis = vscode.Uri.joinPath(vscode.Uri.file(node.entry.dir), RUN_FILES.analysis);
      if (await exists(analysis)) return vscode.window.showTextDocument(analysis, { preview: true });
      void vscode.window.showInformationMessage(`Run ${node.entry.id} has no results yet (${RUN_FILES.analysis} is written when its analysis stage finishes; status: ${node.entry.record.status}).`);
      return undefined;
    },
    'personaStudio.runs.openReport': async (node) => {
      if (!isRun(node)) return undefined;
      const report = vscode.Uri.joinPath(vscode.Uri.file(node.entry.dir), RUN_FILES.reportMarkdown);
      if (!(await exists(report))) {
        void vscode.window.showInformationMessage(`Run ${node.entry.id} has no ${RUN_FILES.reportMarkdown} yet: it is written when the run finishes.`);
        return undefined;
      }
      return vscode.commands.executeCommand('markdown.showPreview', report);
    },
    // Resume and Cancel go through the run commands (the run controller), exactly as the spec's lenses do
    'personaStudio.runs.resume': async (node) => {
      if (!isRun(node)) return undefined;
      if (node.live || !isResumable(node.entry.record, false)) {
        void vscode.window.showInformationMessage(`Run ${node.entry.id} cannot be resumed: ${node.live ? 'it is going on' : node.entry.record.kind !== 'simulation' ? `only simulation runs resume (this is a ${node.entry.record.kind} run)` : 'it is done'}.`);
        return undefined;
      }
      return vscode.commands.executeCommand('personaStudio.resumeRun', node.spec, { runDir: node.entry.dir });
    },
    'personaStudio.runs.cancel': (node) => {
      if (!isRun(node)) return false;
      return vscode.commands.executeCommand<boolean>('personaStudio.cancelRun', node.spec);
    },
    'personaStudio.runs.reveal': async (node) => {
      const dir = typeof node === 'object' && node !== null ? dirOf(node as RunsNode) : undefined;
      if (!dir) return undefined;
      const record = vscode.Uri.joinPath(dir, RUN_FILES.record);
      return vscode.commands.executeCommand('revealInExplorer', (await exists(record)) ? record : dir);
    },
    'personaStudio.runs.delete': async (node) => {
      const dir = typeof node === 'object' && node !== null ? dirOf(node as RunsNode) : undefined;
      if (!dir) return false;
      if (isRun(node) && node.live) {
        void vscode.window.showInformationMessage(`Run ${node.entry.id} is going on: cancel it first, then delete it.`);
        return false;
      }
      const name = isRun(node) ? `${node.entry.record.method} run ${node.entry.id}` : `run folder ${vscode.workspace.asRelativePath(dir)}`;
      const answer = await vscode.window.showWarningMessage(
        `Delete the ${name}?`,
        { modal: true, detail: `This deletes ${vscode.workspace.asRelativePath(dir)} with its answers, journal, answer cache, analysis and report. It cannot be undone.` },
        'Delete',
      );
      if (answer !== 'Delete') return false;
      await vscode.workspace.fs.delete(dir, { recursive: true, useTrash: false });
      tree.refresh();
      return true;
    },
    'personaStudio.runs.compare': async (node, selection) => {
      const picked = (Array.isArray(selection) ? selection : view()?.selection ?? (node ? [node] : [])).filter(isRun);
      if (picked.length < 2) {
        void vscode.window.showInformationMessage('Select two runs (Ctrl/Cmd+click) in the Runs view, then choose Compare.');
        return undefined;
      }
      return vscode.commands.executeCommand('personaStudio.compareRuns', picked.map((n) => vscode.Uri.file(n.entry.dir)));
    },
  };
}
