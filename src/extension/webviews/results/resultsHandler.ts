// The host side of the results panel's protocol, without `vscode`: checks each request, answers it from the
// report with the core's view functions, and leaves the editor actions (reveal, save) to injected callbacks.
import type { AnalysisReport } from '../../../core/pipelines/analysis/analysisReport';
import { correlationView } from '../../../core/results/correlationView';
import { driftLean } from '../../../core/results/driftLean';
import { driftView } from '../../../core/results/driftView';
import { metricTable } from '../../../core/results/metricTable';
import { personaDetail, personaPage, type PersonaAnswersData } from '../../../core/results/personaAnswers';
import { questionDetail } from '../../../core/results/questionDetail';
import { questionPage } from '../../../core/results/questionPage';
import { ResultsError } from '../../../core/results/resultsError';
import {
  defaultUiState, isResultsMethod, resultsParamGuards,
  type ExportFormat, type ResultsInit, type ResultsRequests, type ResultsUiState, type RunComparison,
} from '../../../protocol/resultsPanel';
import { PROTOCOL_VERSION, isRequestMessage, type ResponseMessage } from '../../../protocol/rpc';

/** The report a panel shows and where it came from. */
export interface ResultsSource {
  /** The survey spec's URI, as a string. */
  readonly spec: string;
  readonly specName: string;
  readonly runId: string;
  readonly report: AnalysisReport;
  /** Runs besides this one in the run comparison. */
  readonly comparedRuns?: number;
  /** Their folders relative to the workspace folder (the page saves them for the serializer). */
  readonly comparedFolders?: readonly string[];
  /** Runs dropped from a restored comparison, said in the page. */
  readonly comparisonNote?: string | null;
}

/** What the handler asks of the editor. */
export interface ResultsHostActions {
  /** Reveals a question in the spec at `line` (0-based, from the report; undefined when unknown). */
  reveal(id: string, line: number | undefined): Promise<boolean>;
  /** Asks where to save and writes the file; false when the user cancelled. */
  save(format: ExportFormat, name: string, data: string): Promise<boolean>;
  /** The page's UI state changed. */
  state(ui: ResultsUiState): void;
  /** A simulation method's personas, from its run folder (`runDir` as the report has it: relative to the spec's folder). */
  personas(method: string, runDir: string): Promise<PersonaAnswersData>;
  /** Opens a backstory in the review editor (`personaStudio.showBackstory`). */
  showBackstory(file: string, id: string): Promise<boolean>;
  /** The run comparison; `add` asks the user for a run first; `remove` drops one. */
  comparison(): Promise<RunComparison>;
  addRun(): Promise<RunComparison>;
  removeRun(key: string): Promise<RunComparison>;
}

/** The restored UI state with anything the report does not hold dropped. */
export function sanitizeUi(report: AnalysisReport, ui: ResultsUiState | null): ResultsUiState {
  const base: ResultsUiState = ui ?? defaultUiState;
  const methods = Object.keys(report.methods);
  const out: Record<string, unknown> = { ...base, compare: base.compare.filter((m) => methods.includes(m)) };
  if (base.method === undefined || !methods.includes(base.method)) {
    const firstSim = Object.entries(report.methods).find(([, m]) => m.kind === 'simulation')?.[0];
    if (firstSim ?? methods[0]) out.method = firstSim ?? methods[0];
    else delete out.method;
  }
  if (base.question !== undefined && !report.survey.questions.some((q) => q.id === base.question)) delete out.question;
  if (base.scale !== undefined && !(base.scale in report.survey.scales)) delete out.scale;
  if (base.tab === 'outcomes' && !(report.outcomes?.length)) out.tab = 'metrics';
  return out as unknown as ResultsUiState;
}

export function resultsInit(src: ResultsSource, ui: ResultsUiState | null): ResultsInit {
  const r = src.report;
  const leans: Record<string, ReturnType<typeof driftLean>> = {};
  for (const [name, m] of Object.entries(r.methods)) leans[name] = driftLean(r.survey.questions.map((q) => m.drift[q.id] ?? null));
  return {
    spec: src.spec,
    specName: src.specName,
    runId: src.runId,
    createdAt: r.createdAt,
    surveyName: r.survey.name,
    methods: Object.entries(r.methods).map(([key, m]) => ({ key, label: m.label, kind: m.kind })),
    scales: Object.keys(r.survey.scales),
    questionCount: r.survey.questions.length,
    firstQuestion: r.survey.questions[0]?.id ?? null,
    table: metricTable(r),
    leans,
    outcomes: r.outcomes ?? [],
    comparedRuns: src.comparedRuns ?? 0,
    comparedFolders: src.comparedFolders ?? [],
    comparisonNote: src.comparisonNote ?? null,
    ui: sanitizeUi(r, ui),
  };
}

const fail = (id: number, reason: string, message: string): ResponseMessage => ({ v: PROTOCOL_VERSION, type: 'response', id, ok: false, error: { reason, message } });

/**
 * Answers one message from the page. Messages that are not requests of this protocol get no answer (they are
 * logged by the caller); requests with bad params are answered with `bad-params`.
 */
export async function handleResultsMessage(src: () => ResultsSource, actions: ResultsHostActions, raw: unknown): Promise<ResponseMessage | undefined> {
  if (!isRequestMessage(raw)) return undefined;
  const { id, method, params } = raw;
  if (!isResultsMethod(method)) return fail(id, 'unknown-method', `unknown request ${method}`);
  if (!resultsParamGuards[method](params)) return fail(id, 'bad-params', `bad parameters for ${method}`);
  try {
    const result = await answer(src(), actions, method, params as never);
    return { v: PROTOCOL_VERSION, type: 'response', id, ok: true, result };
  } catch (err) {
    if (ResultsError.is(err)) return fail(id, err.reason, err.message);
    return fail(id, 'failed', err instanceof Error ? err.message : String(err));
  }
}

async function answer<M extends keyof ResultsRequests>(src: ResultsSource, actions: ResultsHostActions, method: M, params: ResultsRequests[M]['params']): Promise<unknown> {
  const r = src.report;
  switch (method) {
    case 'ready':
      return resultsInit(src, (params as ResultsRequests['ready']['params']).ui);
    case 'questions/page':
      return questionPage(r, params as ResultsRequests['questions/page']['params']);
    case 'question/detail': {
      const p = params as ResultsRequests['question/detail']['params'];
      return questionDetail(r, p.id, p.methods);
    }
    case 'correlation': {
      const p = params as ResultsRequests['correlation']['params'];
      return correlationView(r, { method: p.method, offset: p.offset, ...(p.scale !== undefined ? { scale: p.scale } : {}) });
    }
    case 'drift': {
      const p = params as ResultsRequests['drift']['params'];
      return driftView(r, p.method, { threshold: p.threshold });
    }
    case 'reveal': {
      const q = r.survey.questions.find((x) => x.id === (params as ResultsRequests['reveal']['params']).id);
      if (!q) throw new ResultsError('unknown-question', 'the analysis has no such question');
      return actions.reveal(q.id, q.line);
    }
    case 'export': {
      const p = params as ResultsRequests['export']['params'];
      return { saved: await actions.save(p.format, p.name, p.data) };
    }
    case 'state':
      actions.state((params as ResultsRequests['state']['params']).ui);
      return true;
    case 'personas/page': {
      const p = params as ResultsRequests['personas/page']['params'];
      return personaPage(await personasOf(r, actions, p.method), r.survey.questions, p);
    }
    case 'persona/detail': {
      const p = params as ResultsRequests['persona/detail']['params'];
      const d = personaDetail(await personasOf(r, actions, p.method), r.survey.questions, p.id);
      if (!d) throw new ResultsError('unknown-persona', `${p.method} has no persona "${p.id}"`);
      return d;
    }
    case 'persona/backstory': {
      const p = params as ResultsRequests['persona/backstory']['params'];
      const data = await personasOf(r, actions, p.method);
      const persona = data.personas.find((x) => x.personaId === p.id);
      if (!persona) throw new ResultsError('unknown-persona', `${p.method} has no persona "${p.id}"`);
      if (data.source !== 'backstory' || !data.backstoriesFile) return false;
      return actions.showBackstory(data.backstoriesFile, persona.backstoryId);
    }
    case 'runs/compare':
      return actions.comparison();
    case 'runs/add':
      return actions.addRun();
    case 'runs/remove':
      return actions.removeRun((params as ResultsRequests['runs/remove']['params']).key);
    default:
      throw new ResultsError('unknown-method', `unknown request ${String(method)}`);
  }
}

/** The personas of a simulation method of the report (baselines and ensembles have none). */
async function personasOf(r: AnalysisReport, actions: ResultsHostActions, method: string): Promise<PersonaAnswersData> {
  const m = r.methods[method];
  if (!m) throw new ResultsError('unknown-method', `the analysis has no method "${method}"`);
  if (m.kind !== 'simulation' || m.runDir === undefined) throw new ResultsError('no-personas', `${m.label} has no personas: ${m.kind === 'simulation' ? 'the analysis does not name its run folder' : `a${m.kind === 'ensemble' ? 'n ensemble' : ' baseline'} is not asked of personas`}`);
  return actions.personas(method, m.runDir);
}
