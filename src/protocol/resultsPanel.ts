// The results panel's protocol: what the page may ask the host, what it gets back, the notifications the host
// sends, and the UI state the page persists. Types plus hand-written guards used on both sides.
import type { OutcomeStudyReport } from '../core/pipelines/outcomes/outcomeStudy';
import type {
  CorrelationView, DriftLean, DriftView, MetricCell, MetricTable, PersonaAnswerRow, PersonaDetail, PersonaPage, PersonaRow, QuestionDetail, QuestionPage, QuestionSortKey,
} from '../core/results/resultsViewTypes';
import {
  hasOnlyKeys, isArrayOf, isFiniteNumber, isInteger, isNullableNumber, isObject, isString, type Guard,
} from './rpc';

export type { CorrelationView, DriftLean, DriftView, MetricCell, MetricTable, OutcomeStudyReport, PersonaAnswerRow, PersonaDetail, PersonaPage, PersonaRow, QuestionDetail, QuestionPage, QuestionSortKey };

/** The panel's view type (package.json `onWebviewPanel:` activation and the serializer use it). */
export const RESULTS_VIEW_TYPE = 'personaStudio.results';

export type ResultsTab = 'metrics' | 'questions' | 'personas' | 'correlations' | 'drift' | 'outcomes' | 'compare';
export const resultsTabs: readonly ResultsTab[] = ['metrics', 'questions', 'personas', 'correlations', 'drift', 'outcomes', 'compare'];
const sortKeys: readonly QuestionSortKey[] = ['order', 'wd', 'drift', 'refusal'];
export type PersonaSortKey = 'order' | 'mad' | 'refused';
export const personaSortKeys: readonly PersonaSortKey[] = ['order', 'mad', 'refused'];

/** UI state only (ids, choices, offsets): never data. Kept with getState/setState and restored after a reload. */
export interface ResultsUiState {
  readonly tab: ResultsTab;
  readonly method?: string;
  readonly question?: string;
  readonly sortBy: QuestionSortKey;
  readonly descending: boolean;
  readonly filter: string;
  readonly offset: number;
  readonly scale?: string;
  readonly corrOffset: number;
  readonly threshold: number;
  readonly compare: readonly string[];
  /** Personas view: the selected persona, its list's sort, filter and page offset. */
  readonly persona?: string;
  readonly personaSort?: PersonaSortKey;
  readonly personaFilter?: string;
  readonly personaOffset?: number;
}

export const defaultUiState: ResultsUiState = { tab: 'metrics', sortBy: 'wd', descending: true, filter: '', offset: 0, corrOffset: 0, threshold: 0.1, compare: [] };

/** One run in the run comparison: its label (method, model, date) and its metric table. */
export interface ComparedRun {
  /** Stable key of the run in this panel (the run id, or `<spec base>/<run id>` for another spec's run). */
  readonly key: string;
  readonly runId: string;
  readonly specName: string;
  readonly method: string;
  readonly model: string | null;
  /** When the run was created (run.json), else when it was analysed. */
  readonly date: string;
  /** The panel's own run (it cannot be removed from the comparison). */
  readonly current: boolean;
  readonly table: MetricTable;
}

export interface RunComparison {
  readonly runs: readonly ComparedRun[];
  /** The compared runs' folders besides this run (relative to the workspace folder, `/`-separated), for the page's saved state. */
  readonly folders?: readonly string[];
  /** Runs dropped from the comparison since it was saved (a folder deleted or no longer analysed), said in the page. */
  readonly note?: string | null;
}

/** What the page saves with setState: which report it shows (for the serializer) and its UI state. */
export interface ResultsPanelState {
  readonly v: 1;
  /** The survey spec's URI (string form). */
  readonly spec: string;
  /** The run folder's id under the spec's runs folder. */
  readonly runId: string;
  readonly ui: ResultsUiState;
  /** The run folders in the run comparison besides this run, relative to the workspace folder (`/`-separated). */
  readonly compared?: readonly string[];
}

export interface MethodInfo {
  readonly key: string;
  readonly label: string;
  readonly kind: 'baseline' | 'simulation' | 'ensemble';
}

/** Everything the page needs for its first render: small (the question list and matrices are requested in pages). */
export interface ResultsInit {
  readonly spec: string;
  readonly specName: string;
  readonly runId: string;
  readonly createdAt: string;
  readonly surveyName: string;
  readonly methods: readonly MethodInfo[];
  readonly scales: readonly string[];
  readonly questionCount: number;
  readonly firstQuestion: string | null;
  readonly table: MetricTable;
  /** Drift lean of every method at the default threshold, for the warnings on the first tab. */
  readonly leans: Readonly<Record<string, DriftLean>>;
  /** The analysis's outcome studies (Li et al. 2025's election experiment), per method; empty when it has none. */
  readonly outcomes: readonly OutcomeStudyReport[];
  /** Runs besides this one in the run comparison (`personaStudio.compareRuns`, "Add run…"). */
  readonly comparedRuns: number;
  /** Their folders, relative to the workspace folder (saved with setState so the comparison survives a reload). */
  readonly comparedFolders: readonly string[];
  /** Runs dropped from the restored comparison (their folder was deleted since), to say so in the page; else null. */
  readonly comparisonNote: string | null;
  /** The UI state to start from (the restored one, checked against the report). */
  readonly ui: ResultsUiState;
}

export type ExportFormat = 'png' | 'svg' | 'csv' | 'json';

/** Requests the page sends, each with its params and result. */
export interface ResultsRequests {
  ready: { params: { ui: ResultsUiState | null }; result: ResultsInit };
  'questions/page': {
    params: { method: string; sortBy: QuestionSortKey; descending: boolean; filter: string; offset: number; limit: number };
    result: QuestionPage;
  };
  'question/detail': { params: { id: string; methods?: readonly string[] }; result: QuestionDetail };
  correlation: { params: { method: string; scale?: string; offset: number }; result: CorrelationView };
  drift: { params: { method: string; threshold: number }; result: DriftView };
  /** Reveal a question in the spec (the host looks up its line; the page never sends paths). */
  reveal: { params: { id: string }; result: boolean };
  /** Save a chart or a table: the host asks where with a save dialog. */
  export: { params: { format: ExportFormat; name: string; data: string }; result: { saved: boolean } };
  /** A page of a simulation method's personas (from its run's personas.jsonl), paged in the host. */
  'personas/page': {
    params: { method: string; sortBy: PersonaSortKey; descending: boolean; filter: string; offset: number; limit: number };
    result: PersonaPage;
  };
  /** One persona's answers beside its matched human's, and its text when the method writes no backstories. */
  'persona/detail': { params: { method: string; id: string }; result: PersonaDetail };
  /** Opens the persona's backstory in the backstory review editor (`personaStudio.showBackstory`). */
  'persona/backstory': { params: { method: string; id: string }; result: boolean };
  /** The runs compared with this one, with their metric tables. */
  'runs/compare': { params: Record<string, never>; result: RunComparison };
  /** "Add run…": the host asks which analysed run to add (a quick pick); the comparison after it. */
  'runs/add': { params: Record<string, never>; result: RunComparison };
  /** Takes a run out of the comparison. */
  'runs/remove': { params: { key: string }; result: RunComparison };
  /** Persist the UI state on the host side too (used by the in-host tests and the serializer's revive). */
  state: { params: { ui: ResultsUiState }; result: true };
}

/** Notifications the host sends. */
export interface ResultsNotifications {
  /** The run's analysis.json changed (or a newer run replaced it): re-render from this. */
  'report/changed': ResultsInit;
}

export type ResultsMethod = keyof ResultsRequests;

/** Largest export payload accepted (a PNG data URL of a large chart fits well below it). */
export const MAX_EXPORT_CHARS = 40_000_000;
/** Largest question page. */
export const MAX_PAGE = 500;

const isName = (v: unknown): v is string => isString(v, 256) && v.length > 0;
const isQuestionId = isName;

export const isUiState: Guard<ResultsUiState> = (v): v is ResultsUiState =>
  isObject(v) &&
  hasOnlyKeys(v, ['tab', 'method', 'question', 'sortBy', 'descending', 'filter', 'offset', 'scale', 'corrOffset', 'threshold', 'compare', 'persona', 'personaSort', 'personaFilter', 'personaOffset']) &&
  resultsTabs.includes(v.tab as ResultsTab) &&
  (v.method === undefined || isName(v.method)) &&
  (v.question === undefined || isQuestionId(v.question)) &&
  sortKeys.includes(v.sortBy as QuestionSortKey) &&
  typeof v.descending === 'boolean' &&
  isString(v.filter, 200) &&
  isInteger(v.offset, 0, 10_000_000) &&
  (v.scale === undefined || isName(v.scale)) &&
  isInteger(v.corrOffset, 0, 10_000_000) &&
  isFiniteNumber(v.threshold) && v.threshold >= 0 && v.threshold <= 100 &&
  isArrayOf(v.compare, isName, 100) &&
  (v.persona === undefined || isName(v.persona)) &&
  (v.personaSort === undefined || personaSortKeys.includes(v.personaSort as PersonaSortKey)) &&
  (v.personaFilter === undefined || isString(v.personaFilter, 200)) &&
  (v.personaOffset === undefined || isInteger(v.personaOffset, 0, 100_000_000));

const isFolder = (v: unknown): v is string => isString(v, 4096) && v.length > 0;
/** Most runs a comparison keeps. */
export const MAX_COMPARED = 100;

export const isPanelState: Guard<ResultsPanelState> = (v): v is ResultsPanelState =>
  isObject(v) && v.v === 1 && isString(v.spec, 4096) && isName(v.runId) && isUiState(v.ui) && (v.compared === undefined || isArrayOf(v.compared, isFolder, MAX_COMPARED));

/** Params guards per request method (closed objects: unknown keys are rejected). */
export const resultsParamGuards: { readonly [M in ResultsMethod]: Guard<ResultsRequests[M]['params']> } = {
  ready: (v): v is ResultsRequests['ready']['params'] => isObject(v) && hasOnlyKeys(v, ['ui']) && (v.ui === null || isUiState(v.ui)),
  'questions/page': (v): v is ResultsRequests['questions/page']['params'] =>
    isObject(v) && hasOnlyKeys(v, ['method', 'sortBy', 'descending', 'filter', 'offset', 'limit']) && isName(v.method) &&
    sortKeys.includes(v.sortBy as QuestionSortKey) && typeof v.descending === 'boolean' && isString(v.filter, 200) &&
    isInteger(v.offset, 0, 10_000_000) && isInteger(v.limit, 1, MAX_PAGE),
  'question/detail': (v): v is ResultsRequests['question/detail']['params'] =>
    isObject(v) && hasOnlyKeys(v, ['id', 'methods']) && isQuestionId(v.id) && (v.methods === undefined || isArrayOf(v.methods, isName, 100)),
  correlation: (v): v is ResultsRequests['correlation']['params'] =>
    isObject(v) && hasOnlyKeys(v, ['method', 'scale', 'offset']) && isName(v.method) && (v.scale === undefined || isName(v.scale)) && isInteger(v.offset, 0, 10_000_000),
  drift: (v): v is ResultsRequests['drift']['params'] =>
    isObject(v) && hasOnlyKeys(v, ['method', 'threshold']) && isName(v.method) && isFiniteNumber(v.threshold) && v.threshold >= 0 && v.threshold <= 100,
  reveal: (v): v is ResultsRequests['reveal']['params'] => isObject(v) && hasOnlyKeys(v, ['id']) && isQuestionId(v.id),
  export: (v): v is ResultsRequests['export']['params'] =>
    isObject(v) && hasOnlyKeys(v, ['format', 'name', 'data']) && ['png', 'svg', 'csv', 'json'].includes(v.format as string) &&
    isString(v.name, 120) && /^[\w .()-]+$/.test(v.name) && isString(v.data, MAX_EXPORT_CHARS) &&
    (v.format !== 'png' || (v.data as string).startsWith('data:image/png;base64,')),
  state: (v): v is ResultsRequests['state']['params'] => isObject(v) && hasOnlyKeys(v, ['ui']) && isUiState(v.ui),
  'personas/page': (v): v is ResultsRequests['personas/page']['params'] =>
    isObject(v) && hasOnlyKeys(v, ['method', 'sortBy', 'descending', 'filter', 'offset', 'limit']) && isName(v.method) &&
    personaSortKeys.includes(v.sortBy as PersonaSortKey) && typeof v.descending === 'boolean' && isString(v.filter, 200) &&
    isInteger(v.offset, 0, 100_000_000) && isInteger(v.limit, 1, MAX_PAGE),
  'persona/detail': (v): v is ResultsRequests['persona/detail']['params'] => isObject(v) && hasOnlyKeys(v, ['method', 'id']) && isName(v.method) && isName(v.id),
  'persona/backstory': (v): v is ResultsRequests['persona/backstory']['params'] => isObject(v) && hasOnlyKeys(v, ['method', 'id']) && isName(v.method) && isName(v.id),
  'runs/compare': (v): v is Record<string, never> => isObject(v) && hasOnlyKeys(v, []),
  'runs/add': (v): v is Record<string, never> => isObject(v) && hasOnlyKeys(v, []),
  'runs/remove': (v): v is ResultsRequests['runs/remove']['params'] => isObject(v) && hasOnlyKeys(v, ['key']) && isString(v.key, 1024) && v.key.length > 0,
};

export const isResultsMethod = (m: string): m is ResultsMethod => Object.prototype.hasOwnProperty.call(resultsParamGuards, m);

const isMatrix = (v: unknown): boolean => isArrayOf(v, (row): row is (number | null)[] => isArrayOf(row, isNullableNumber, 10_000), 10_000);

const isMetricTable = (v: unknown): v is MetricTable => isObject(v) && Array.isArray(v.scales) && Array.isArray(v.rows) && isObject(v.human);

const isInit: Guard<ResultsInit> = (v): v is ResultsInit =>
  isObject(v) && isString(v.spec, 4096) && isName(v.runId) && isArrayOf(v.methods, (m): m is MethodInfo => isObject(m) && isName(m.key) && isString(m.label)) &&
  isArrayOf(v.scales, isName) && isInteger(v.questionCount) && isMetricTable(v.table) && isObject(v.leans) && isUiState(v.ui) &&
  isArrayOf(v.outcomes, (o): o is OutcomeStudyReport => isObject(o) && isString(o.question) && isObject(o.methods), 1000) && isInteger(v.comparedRuns) &&
  isArrayOf(v.comparedFolders, isFolder, MAX_COMPARED) && (v.comparisonNote === null || isString(v.comparisonNote, 10_000));

const isPersonaRow = (r: unknown): r is PersonaRow =>
  isObject(r) && isString(r.id) && isString(r.backstoryId) && (r.human === null || isString(r.human)) && isInteger(r.answered) && isInteger(r.refused) &&
  isInteger(r.nonCompliant) && isInteger(r.failed) && isNullableNumber(r.mad) && isInteger(r.paired);
const personaSources = ['backstory', 'text', 'none'];
const isRunComparison = (v: unknown): v is RunComparison =>
  isObject(v) && isArrayOf(v.runs, (r): r is ComparedRun => isObject(r) && isString(r.key, 1024) && isName(r.runId) && isString(r.method) && (r.model === null || isString(r.model)) && isString(r.date) && typeof r.current === 'boolean' && isMetricTable(r.table), MAX_COMPARED + 1) &&
  (v.folders === undefined || isArrayOf(v.folders, isFolder, MAX_COMPARED)) && (v.note === undefined || v.note === null || isString(v.note, 10_000));

/** Result guards per request method: the page checks every response before rendering it. */
export const resultsResultGuards: { readonly [M in ResultsMethod]: Guard<ResultsRequests[M]['result']> } = {
  ready: isInit,
  'questions/page': (v): v is QuestionPage => isObject(v) && isInteger(v.total) && isInteger(v.offset) && isArrayOf(v.rows, (r): r is QuestionPage['rows'][number] => isObject(r) && isString(r.id) && isString(r.text, 100_000) && isNullableNumber(r.wd) && isNullableNumber(r.drift) && isNullableNumber(r.refusal), MAX_PAGE),
  'question/detail': (v): v is QuestionDetail => isObject(v) && isString(v.id) && isArrayOf(v.options, (o): o is string => isString(o, 10_000)) && isArrayOf(v.codes, isFiniteNumber) && Array.isArray(v.series),
  correlation: (v): v is CorrelationView => isObject(v) && isArrayOf(v.ids, (x): x is string => isString(x)) && isMatrix(v.human) && isMatrix(v.simulated) && isMatrix(v.difference),
  drift: (v): v is DriftView => isObject(v) && isArrayOf(v.ids, (x): x is string => isString(x)) && isArrayOf(v.drift, isNullableNumber) && isObject(v.lean) && Array.isArray(v.subgroups),
  reveal: (v): v is boolean => typeof v === 'boolean',
  export: (v): v is { saved: boolean } => isObject(v) && typeof v.saved === 'boolean',
  state: (v): v is true => v === true,
  'personas/page': (v): v is PersonaPage => isObject(v) && isInteger(v.total) && isInteger(v.offset) && isArrayOf(v.rows, isPersonaRow, MAX_PAGE) && personaSources.includes(v.source as string) && (v.humanNote === null || isString(v.humanNote, 10_000)),
  'persona/detail': (v): v is PersonaDetail => isObject(v) && isPersonaRow(v.row) && personaSources.includes(v.source as string) && (v.text === null || isString(v.text, 100_000)) && isObject(v.demographics) &&
    isArrayOf(v.answers, (a): a is PersonaAnswerRow => isObject(a) && isString(a.question) && isString(a.text, 100_000) && isString(a.status) && isNullableNumber(a.code) && isNullableNumber(a.humanCode), 100_000),
  'persona/backstory': (v): v is boolean => typeof v === 'boolean',
  'runs/compare': isRunComparison,
  'runs/add': isRunComparison,
  'runs/remove': isRunComparison,
};

export const resultsNotificationGuards: { readonly [M in keyof ResultsNotifications]: Guard<ResultsNotifications[M]> } = {
  'report/changed': isInit,
};
