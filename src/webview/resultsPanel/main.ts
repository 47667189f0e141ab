// The results panel page: asks the host for the report's summary once ready, then renders the tab the user
// left it on; every larger piece (question pages, matrices, drift) is requested when shown.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-tab-header/index.js';
import '@vscode-elements/elements/dist/vscode-tab-panel/index.js';
import '@vscode-elements/elements/dist/vscode-tabs/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import './styles.css';
import {
  isPanelState, resultsNotificationGuards, resultsResultGuards, resultsTabs, type ResultsInit, type ResultsNotifications, type ResultsRequests, type ResultsTab,
} from '../../protocol/resultsPanel';
import { initChartNonce } from '../shared/charts';
import { el } from '../shared/dom';
import { RpcClient } from '../shared/rpcClient';
import { onThemeChange } from '../shared/theme';
import { vscodeApi } from '../shared/vscodeApi';
import { saveUiState, type App, type Rpc } from './app';
import { renderCompare } from './compareView';
import { renderCorrelations } from './correlationsView';
import { renderDrift } from './driftView';
import { renderMetrics } from './metricsView';
import { renderOutcomes } from './outcomesView';
import { renderPersonas } from './personasView';
import { renderQuestions } from './questionsView';

initChartNonce();

const tabLabels: Record<ResultsTab, string> = { metrics: 'Metrics', questions: 'Questions', personas: 'Personas', correlations: 'Correlations', drift: 'Drift & refusals', outcomes: 'Outcomes', compare: 'Compare' };
/** The tabs shown for a report: Outcomes only when the analysis has outcome studies. */
const tabsOf = (init: ResultsInit): ResultsTab[] => resultsTabs.filter((t) => t !== 'outcomes' || init.outcomes.length > 0);
let shownTabs: ResultsTab[] = [];

const statusLine = el('div', { class: 'status', attrs: { role: 'status' } });
const header = el('header', {});
const panels = new Map<ResultsTab, HTMLElement>();
let app: App | undefined;
let rendering = 0;

const rpc: Rpc = new RpcClient<ResultsRequests, ResultsNotifications>(resultsResultGuards, resultsNotificationGuards, (why) => console.warn(`results panel: dropped ${why}`));

function status(message: string, kind: 'info' | 'error' = 'info'): void {
  statusLine.textContent = message;
  statusLine.className = `status ${kind}`;
}

async function renderTab(tab: ResultsTab): Promise<void> {
  if (!app) return;
  const root = panels.get(tab)!;
  const ticket = ++rendering;
  document.body.dataset.state = 'rendering';
  document.body.dataset.tab = tab;
  const t0 = performance.now();
  try {
    if (tab === 'metrics') renderMetrics(app, root);
    else if (tab === 'questions') await renderQuestions(app, root);
    else if (tab === 'correlations') await renderCorrelations(app, root);
    else if (tab === 'drift') await renderDrift(app, root);
    else if (tab === 'personas') await renderPersonas(app, root);
    else if (tab === 'outcomes') renderOutcomes(app, root);
    else await renderCompare(app, root);
    if (ticket === rendering) {
      document.body.dataset.state = 'ready';
      document.body.dataset.renderMs = (performance.now() - t0).toFixed(1);
    }
  } catch (err) {
    status(`Could not show ${tabLabels[tab]}: ${err instanceof Error ? err.message : String(err)}`, 'error');
    if (ticket === rendering) document.body.dataset.state = 'error';
  }
}

function renderHeader(init: ResultsInit): void {
  header.replaceChildren(
    el('h1', { text: init.surveyName }),
    el('p', { class: 'note', text: `${init.specName} · run ${init.runId} · analysed ${init.createdAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} · ${init.questionCount} questions · ${init.methods.length} methods` }));
}

async function start(): Promise<void> {
  const saved = vscodeApi().getState();
  const init = await rpc.request('ready', { ui: isPanelState(saved) ? saved.ui : null });
  const tabs = el('vscode-tabs');
  const buildTabs = (next: ResultsInit): void => {
    shownTabs = tabsOf(next);
    panels.clear();
    tabs.replaceChildren();
    for (const tab of shownTabs) {
      tabs.append(el('vscode-tab-header', { attrs: { slot: 'header', 'data-tab': tab }, text: tabLabels[tab] }));
      const panel = el('vscode-tab-panel', { attrs: { 'data-panel': tab } });
      panels.set(tab, panel);
      tabs.append(panel);
    }
    tabs.setAttribute('selected-index', String(Math.max(0, shownTabs.indexOf(next.ui.tab))));
  };
  buildTabs(init);
  app = {
    rpc,
    init,
    ui: init.ui,
    update(patch) {
      const next: Record<string, unknown> = { ...this.ui };
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k]; else next[k] = v;
      this.ui = next as unknown as App['ui'];
      saveUiState(this.init, this.ui);
      void rpc.request('state', { ui: this.ui }).catch(() => undefined);
    },
    status,
    async save(format, name, data) {
      const r = await rpc.request('export', { format, name, data });
      if (r.saved) status(`Saved ${name}.`);
    },
  };
  saveUiState(init, init.ui);
  tabs.addEventListener('vsc-tabs-select', (e) => {
    const index = (e as CustomEvent<{ selectedIndex: number }>).detail.selectedIndex;
    const tab = shownTabs[index] ?? 'metrics';
    app!.update({ tab });
    void renderTab(tab);
  });
  renderHeader(init);
  document.body.replaceChildren(header, statusLine, tabs);
  if (init.comparisonNote) status(init.comparisonNote);
  rpc.on('report/changed', (next) => {
    const previous = app!.init;
    app!.init = next;
    app!.ui = next.ui;
    saveUiState(next, next.ui);
    if (tabsOf(next).join() !== shownTabs.join()) buildTabs(next);
    else tabs.setAttribute('selected-index', String(Math.max(0, shownTabs.indexOf(next.ui.tab))));
    renderHeader(next);
    // the same analysis sent again (the panel revealed, runs added to the comparison) is not news
    if (next.runId !== previous.runId) status(`A newer analysis was written (run ${next.runId}); showing it.`);
    else if (next.createdAt !== previous.createdAt) status('The analysis changed on disk; showing the new one.');
    void renderTab(app!.ui.tab);
  });
  onThemeChange(() => void renderTab(app!.ui.tab));
  await renderTab(init.ui.tab);
}

start().catch((err: unknown) => {
  document.body.dataset.state = 'error';
  document.body.replaceChildren(el('p', { class: 'status error', text: `The results could not be shown: ${err instanceof Error ? err.message : String(err)}` }));
});

