import * as path from 'node:path';
import * as vscode from 'vscode';
import { listRuns, type RunEntry, type RunProblem } from '../../core/runs/listRuns';
import { RUN_FILES, type RunRecord } from '../../core/runs/runRecord';
import { runsSignature } from '../../core/runs/runsSignature';
import type { LiveRunState } from './runController';

/** How often a run going on in this window refreshes the tree (its count, calls and cost). */
const LIVE_MS = 1000;

/** The runs going on in this window (the run controller), as the tree needs them. */
export interface LiveRuns {
  liveRunOf(specPath: string): LiveRunState | undefined;
  readonly onDidChange: vscode.Event<string>;
}

/** While the view is visible, how often the runs folders are checked besides the file watcher. */
const POLL_MS = 3000;

export type RunsNode =
  | { readonly kind: 'spec'; readonly spec: vscode.Uri; readonly runs: number; readonly problems: number }
  | { readonly kind: 'run'; readonly spec: vscode.Uri; readonly entry: RunEntry; readonly live?: LiveRunState }
  | { readonly kind: 'problem'; readonly spec: vscode.Uri; readonly problem: RunProblem };

const STATUS_ICON: Record<RunRecord['status'], string> = {
  done: 'pass', running: 'sync~spin', planned: 'clock', cancelled: 'circle-slash', failed: 'error',
};

/** A simulation run that is not done and not going on in this window can be continued from its journal. */
export const isResumable = (r: RunRecord, live: boolean): boolean => r.kind === 'simulation' && r.status !== 'done' && !live;

/**
 * One line of facts about a run: status · method · model · date · calls · cost · mean WD. While the run goes on in
 * this window, its stage count, calls and cost so far come from the run controller (run.json is written at stage
 * boundaries only); a cost that was not measured (a model with no price) says so, never `$0`.
 */
export function describeRun(r: RunRecord, live?: LiveRunState): string {
  if (live) {
    const count = live.total > 0 ? `${live.stage ? `${live.stage} ` : ''}${live.done.toLocaleString('en-US')}/${live.total.toLocaleString('en-US')} ${live.unit}` : live.stage || 'starting';
    // no tokens yet: no cost figure at all (not $0.00)
    const cost = live.promptTokens + live.completionTokens === 0 ? [] : [live.costUsd === null ? `cost unknown (no price for ${live.unpricedModels.join(', ')})` : `$${live.costUsd.toFixed(2)}`];
    return ['running', count, ...(r.model ? [r.model] : []), r.createdAt.replace('T', ' ').slice(0, 16), `${live.calls.toLocaleString('en-US')} calls`, ...cost].join(' · ');
  }
  const parts: string[] = [r.status];
  if (r.model) parts.push(r.model);
  parts.push(r.createdAt.replace('T', ' ').slice(0, 16));
  parts.push(`${(r.totals?.calls ?? 0).toLocaleString('en-US')} calls`);
  if (r.totals?.costUsd != null) parts.push(`$${r.totals.costUsd.toFixed(2)}`);
  else if (r.totals?.costNote && (r.totals.calls ?? 0) > 0) parts.push('cost unknown');
  if (r.summary) parts.push(r.summary.wd_mean === null ? 'WD n/a' : `WD ${r.summary.wd_mean.toFixed(3)}`);
  return parts.join(' · ');
}

/** The runs explorer: survey specs of the workspace, each with its runs (newest first) read from run.json. */
export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private liveTimer: ReturnType<typeof setTimeout> | undefined;
  private poller: ReturnType<typeof setInterval> | undefined;
  private specs: string[] = [];
  private signature = '';

  constructor(private readonly liveRuns?: LiveRuns) {
    // Live: a run rewrites its run.json as it advances; specs come and go. Run folders are watched too: a
    // run.json written right after its folder was made can reach the watcher before the folder is watched.
    for (const glob of ['**/runs/**/run.json', '**/runs/*/*', '**/*.survey.{yaml,yml}']) {
      const w = vscode.workspace.createFileSystemWatcher(glob);
      this.subs.push(w, w.onDidCreate(() => this.refreshSoon()), w.onDidChange(() => this.refreshSoon()), w.onDidDelete(() => this.refreshSoon()));
    }
    // a run going on here reports its progress many times a second: at most one refresh a second for it
    if (liveRuns) this.subs.push(liveRuns.onDidChange(() => this.refreshLive()));
  }

  private refreshLive(): void {
    if (this.liveTimer !== undefined) return;
    this.liveTimer = setTimeout(() => {
      this.liveTimer = undefined;
      this.refresh();
    }, LIVE_MS);
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  /**
   * Polls the runs folders while `view` is visible: file watchers can miss a run.json written right after its
   * folder was made, and do not work on every file system (inotify limits, network drives).
   */
  attach(view: vscode.TreeView<RunsNode>): vscode.Disposable {
    const update = (): void => {
      if (this.poller !== undefined) clearInterval(this.poller);
      this.poller = undefined;
      if (!view.visible) return;
      this.poller = setInterval(() => {
        void runsSignature(this.specs).then((sig) => {
          if (sig !== this.signature) this.refresh();
        }, () => undefined);
      }, POLL_MS);
    };
    update();
    return view.onDidChangeVisibility(update);
  }

  /** Coalesces a burst of file events (a run writes run.json often) into one refresh. */
  private refreshSoon(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 250);
  }

  async getChildren(node?: RunsNode): Promise<RunsNode[]> {
    if (!node) {
      const specs = (await vscode.workspace.findFiles('**/*.survey.{yaml,yml}', '{**/node_modules/**,**/runs/**}', 1000))
        .sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      this.specs = specs.map((u) => u.fsPath);
      this.signature = await runsSignature(this.specs).catch(() => '');
      return Promise.all(specs.map(async (spec) => {
        const list = await listRuns(spec.fsPath).catch(() => ({ runs: [], problems: [] }));
        return { kind: 'spec' as const, spec, runs: list.runs.length, problems: list.problems.length };
      }));
    }
    if (node.kind !== 'spec') return [];
    const list = await listRuns(node.spec.fsPath);
    const live = this.liveRuns?.liveRunOf(node.spec.fsPath);
    // the run going on: the folder being resumed, else the newest run marked running (one run per spec at a time)
    const liveDir = live ? (live.runDir ?? list.runs.find((e) => e.record.status === 'running' || e.record.status === 'planned')?.dir) : undefined;
    return [
      ...list.runs.map((entry) => ({ kind: 'run' as const, spec: node.spec, entry, ...(live && liveDir !== undefined && path.resolve(entry.dir) === path.resolve(liveDir) ? { live } : {}) })),
      ...list.problems.map((problem) => ({ kind: 'problem' as const, spec: node.spec, problem })),
    ];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.kind) {
      case 'spec': {
        const item = new vscode.TreeItem(path.basename(node.spec.fsPath), node.runs + node.problems > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
        // the workbench keeps an item's expansion by id: a spec that gets its first run (None → Expanded) needs a new
        // id, or it stays shut and the run going on is hidden
        item.id = `spec:${node.spec.toString()}${node.runs + node.problems > 0 ? '' : ':empty'}`;
        item.resourceUri = node.spec;
        item.description = `${vscode.workspace.asRelativePath(path.dirname(node.spec.fsPath))} · ${node.runs} run${node.runs === 1 ? '' : 's'}${node.problems ? ` · ${node.problems} unreadable` : ''}`;
        item.contextValue = 'spec';
        item.iconPath = new vscode.ThemeIcon('checklist');
        item.command = { command: 'vscode.open', title: 'Open spec', arguments: [node.spec] };
        return item;
      }
      case 'run': {
        const r = node.entry.record;
        const item = new vscode.TreeItem(r.method, vscode.TreeItemCollapsibleState.None);
        item.id = `run:${node.entry.dir}`;
        item.description = describeRun(r, node.live);
        item.iconPath = new vscode.ThemeIcon(node.live ? 'sync~spin' : STATUS_ICON[r.status] ?? 'circle-outline');
        // `run` first (every run action matches /^run\b/), then what applies: `.analysed`, `.running` (Cancel) or
        // `.resumable` (Resume: an unfinished simulation not going on here)
        item.contextValue = `run${node.entry.hasAnalysis ? '.analysed' : ''}${node.live ? '.running' : isResumable(r, false) ? '.resumable' : ''}`;
        const tip = new vscode.MarkdownString(undefined, true);
        tip.appendMarkdown(`**${r.method}** (${r.kind}) · ${r.status} · run \`${node.entry.id}\`\n\n`);
        tip.appendText(`${node.entry.dir}\n`);
        tip.appendMarkdown(`\n- created ${r.createdAt}, updated ${r.updatedAt}\n`);
        if (r.model) tip.appendMarkdown(`- model \`${r.model}\`\n`);
        tip.appendMarkdown(`- ${r.totals?.calls ?? 0} calls, ${r.totals?.promptTokens ?? 0} prompt + ${r.totals?.completionTokens ?? 0} completion tokens, cost ${r.totals?.costUsd == null ? 'unknown' : `$${r.totals.costUsd.toFixed(4)}`}\n`);
        if (r.summary) tip.appendMarkdown(`- mean WD ${r.summary.wd_mean ?? 'not computed'}, Frobenius ${r.summary.frobenius ?? 'not computed'}, n = ${r.summary.n}\n`);
        if (node.live) tip.appendMarkdown(`- now: ${describeRun(r, node.live)} (this stage's requests)\n`);
        if (r.error) tip.appendMarkdown(`- failed: ${r.error.reason}: ${r.error.message}\n`);
        item.tooltip = tip;
        item.command = { command: 'personaStudio.runs.openResults', title: 'Open results', arguments: [node] };
        return item;
      }
      case 'problem': {
        const item = new vscode.TreeItem(node.problem.id, vscode.TreeItemCollapsibleState.None);
        item.id = `problem:${node.problem.dir}`;
        item.description = node.problem.reason === 'missing-record' ? `no ${RUN_FILES.record}` : `unreadable ${RUN_FILES.record}: ${node.problem.message.replace(/^[^:]*:\s*/, '')}`;
        item.tooltip = `${node.problem.message}\n${node.problem.dir}`;
        item.iconPath = new vscode.ThemeIcon('warning');
        item.contextValue = 'runProblem';
        return item;
      }
    }
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    if (this.liveTimer !== undefined) clearTimeout(this.liveTimer);
    if (this.poller !== undefined) clearInterval(this.poller);
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}
