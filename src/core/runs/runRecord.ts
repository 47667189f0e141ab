/**
 * Where a study's runs live and what describes each one. A run is a folder next to its survey spec:
 *
 *   <spec dir>/runs/<spec base name>/<run id>/
 *     run.json          this RunRecord (status, stages, counts, cost), rewritten atomically as the run advances
 *     manifest.json     the LLM engine's manifest (absent for baseline-only runs)
 *     journal.jsonl     the LLM engine's append-only journal of every request and outcome
 *     cache/            the LLM engine's content-addressed answer cache
 *     answers.csv       one row per persona, canonical codes (empty cell = missing), column `persona_id` first
 *     analysis.json     an AnalysisReport (src/core/pipelines/analysis/analysisReport.ts)
 *     report.md, report.json   the methods/disclosure report
 *
 * `<spec base name>` is the spec file name without `.survey.yaml`/`.survey.yml`; `<run id>` is
 * `YYYYMMDD-HHMMSS-<method>` in UTC (sortable), made unique with `-2`, `-3`… when needed.
 *
 * Backstories live next to the persona spec in the file its `backstories.output` names
 * (`*.backstories.jsonl`), one BackstoryRecord per line; the demographic survey's result in
 * `<same base>.demographics.jsonl`; review decisions in `<backstories file>.review.json` (never overwritten by
 * generation). See src/core/pipelines/backstories/backstoryRecord.ts.
 */
export interface RunRecord {
  readonly schema: 'persona-studio/run@1';
  readonly id: string;
  /** `baselines`: no LLM; `simulation`: the survey asked of personas through an endpoint. */
  readonly kind: 'baselines' | 'simulation';
  /** The method name the analysis reports this run under (e.g. `anthology-greedy`). */
  readonly method: string;
  status: RunStatus;
  readonly createdAt: string;
  updatedAt: string;
  /** Survey spec path relative to the run folder, and the SHA-256 of its text when the run started. */
  readonly surveySpec: { readonly path: string; readonly hash: string };
  readonly personaSpec?: { readonly path: string; readonly hash: string };
  readonly model?: string;
  /** Endpoint base URL without credentials, and its kind when known (openai, vllm, ollama, …). */
  readonly endpoint?: { readonly baseUrl: string; readonly kind?: string };
  readonly seeds: Readonly<Record<string, number>>;
  /** Stage name → its progress. Stages run in order; a resumed run skips stages that are `done`. */
  stages: Record<string, StageProgress>;
  /** Totals over all stages. */
  totals: { calls: number; promptTokens: number; completionTokens: number; costUsd: number | null; /** Why `costUsd` is null (the models with no price). */ costNote?: string };
  /** Present when `status` is `failed`: what failed and what to do. */
  error?: { readonly reason: string; readonly message: string };
  /**
   * Simulation runs: per question id, how every persona's answer ended (answered, refused, non-compliant, failed;
   * they add up to the persona count), with re-asks and logprob fallbacks. See
   * src/core/pipelines/simulation/questionCounts.ts.
   */
  answerCounts?: Record<string, AnswerCounts>;
  /** Summary for lists and lenses, filled once analysis has run. */
  summary?: { readonly wd_mean: number | null; readonly frobenius: number | null; readonly n: number };
}

/** How one question's answers ended over all personas: `answered + refused + nonCompliant + failed = personas`. */
export interface AnswerCounts {
  readonly personas: number;
  readonly answered: number;
  readonly refused: number;
  readonly nonCompliant: number;
  readonly failed: number;
  readonly reasks: number;
  readonly logprobFallbacks: number;
  readonly via: Readonly<Record<string, number>>;
}

export type RunStatus = 'planned' | 'running' | 'cancelled' | 'failed' | 'done';

export interface StageProgress {
  status: 'pending' | 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  failed: number;
}

/** File names inside a run folder, in one place. */
export const RUN_FILES = {
  record: 'run.json',
  manifest: 'manifest.json',
  journal: 'journal.jsonl',
  cache: 'cache',
  answers: 'answers.csv',
  analysis: 'analysis.json',
  reportMarkdown: 'report.md',
  reportJson: 'report.json',
} as const;
