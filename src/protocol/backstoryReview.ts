// Messages between the backstory review editor (src/extension/webviews/backstoryReview) and its page
// (src/webview/backstoryReview). Types only plus validators; both sides check every message they receive.
// The host owns the file: the page asks for the rows it shows, page by page, never for the whole file.

/** Bumped when a message changes shape. */
export const BACKSTORY_PROTOCOL = 1;

export type ReviewFilter = 'all' | 'included' | 'excluded' | 'flagged' | 'noted';

export interface BackstoryQueryView {
  readonly text: string;
  /** Variable → allowed inferred codes (option index 0…K-1, K non-compliant, -1 missing). Empty: no filter. */
  readonly demographics: Readonly<Record<string, readonly number[]>>;
  readonly review: ReviewFilter;
}

export interface LineProblemView { readonly line: number; readonly reason: string; readonly excerpt: string }

export interface VariableView {
  readonly name: string;
  /** Option labels (from the persona spec), or "1", "2", … when it is not found. */
  readonly options: readonly string[];
}

/** How the current result distributes over one variable. */
export interface DistributionView {
  readonly name: string;
  readonly counts: readonly number[];
  readonly nonCompliant: number;
  readonly missing: number;
  readonly total: number;
}

export interface ReviewView { readonly excluded: boolean; readonly flagged: boolean; readonly note: string }

export interface RowView {
  /** Position in the current result. */
  readonly index: number;
  readonly id: string;
  readonly line: number;
  /** The start of the text (model-written: shown as text only). */
  readonly preview: string;
  readonly method: string;
  readonly model: string;
  readonly review: ReviewView;
}

export interface DetailView {
  readonly id: string;
  readonly line: number;
  readonly text: string;
  readonly method: string;
  /** Generation facts as label/value pairs (model, every request parameter, tokens, seed, …). */
  readonly generation: ReadonlyArray<readonly [string, string]>;
  /** Inferred demographics as label/value pairs. */
  readonly demographics: ReadonlyArray<readonly [string, string]>;
  readonly given: ReadonlyArray<readonly [string, string]>;
  readonly preamble: string;
  readonly review: ReviewView;
}

export type PageMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'query'; readonly seq: number; readonly query: BackstoryQueryView }
  | { readonly type: 'rows'; readonly seq: number; readonly start: number; readonly count: number }
  | { readonly type: 'detail'; readonly id: string }
  | { readonly type: 'review'; readonly id: string; readonly excluded?: boolean; readonly flagged?: boolean; readonly note?: string }
  | { readonly type: 'openLine'; readonly line: number };

export type HostMessage =
  | {
    readonly type: 'init';
    readonly protocol: number;
    readonly fileName: string;
    readonly total: number;
    readonly problems: readonly LineProblemView[];
    readonly problemCount: number;
    readonly variables: readonly VariableView[];
    /** Why there are no demographic filters, when there are none (file missing, unreadable…). */
    readonly demographicsNote: string;
    readonly demographicProblems: readonly LineProblemView[];
  }
  | { readonly type: 'result'; readonly seq: number; readonly total: number; readonly distributions: readonly DistributionView[]; readonly excluded: number; readonly flagged: number; readonly searchMs: number }
  | { readonly type: 'rows'; readonly seq: number; readonly start: number; readonly rows: readonly RowView[] }
  | { readonly type: 'detail'; readonly detail: DetailView }
  | { readonly type: 'changed'; readonly ids: readonly string[] }
  | { readonly type: 'reveal'; readonly id: string }
  | { readonly type: 'error'; readonly message: string };

/** Rows per page request, at most. */
export const MAX_ROWS = 500;
const MAX_TEXT = 10_000;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;
const isStr = (v: unknown, max = MAX_TEXT): v is string => typeof v === 'string' && v.length <= max;
const optBool = (v: unknown): boolean => v === undefined || typeof v === 'boolean';
const REVIEW_FILTERS: readonly string[] = ['all', 'included', 'excluded', 'flagged', 'noted'];

function isQuery(v: unknown): v is BackstoryQueryView {
  if (!isObj(v) || !isStr(v.text, 1000) || !REVIEW_FILTERS.includes(v.review as string) || !isObj(v.demographics)) return false;
  const entries = Object.entries(v.demographics);
  return entries.length <= 200 && entries.every(([k, codes]) => k.length <= 200 && Array.isArray(codes) && codes.length <= 1000 && codes.every((c) => isInt(c, -1, 32_000)));
}

/** Validates a message from the page (the host rejects anything else). */
export function isPageMessage(v: unknown): v is PageMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready': return true;
    case 'query': return isInt(v.seq, 0, Number.MAX_SAFE_INTEGER) && isQuery(v.query);
    case 'rows': return isInt(v.seq, 0, Number.MAX_SAFE_INTEGER) && isInt(v.start, 0, 1e9) && isInt(v.count, 1, MAX_ROWS);
    case 'detail': return isStr(v.id, 1000);
    case 'review': return isStr(v.id, 1000) && optBool(v.excluded) && optBool(v.flagged) && (v.note === undefined || isStr(v.note));
    case 'openLine': return isInt(v.line, 1, 1e9);
    default: return false;
  }
}

/** Validates a message from the host (the page ignores anything else). */
export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'init': return v.protocol === BACKSTORY_PROTOCOL && typeof v.fileName === 'string' && typeof v.total === 'number' && Array.isArray(v.problems) && Array.isArray(v.variables);
    case 'result': return typeof v.seq === 'number' && typeof v.total === 'number' && Array.isArray(v.distributions);
    case 'rows': return typeof v.seq === 'number' && typeof v.start === 'number' && Array.isArray(v.rows);
    case 'detail': return isObj(v.detail) && typeof v.detail.id === 'string' && typeof v.detail.text === 'string';
    case 'changed': return Array.isArray(v.ids);
    case 'reveal': return typeof v.id === 'string';
    case 'error': return typeof v.message === 'string';
    default: return false;
  }
}
