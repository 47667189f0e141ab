import type { SurveySpec } from '../../specModel/surveySpec';
import type { AnalysisReport, MethodMetrics } from './analysisReport';
import { scalesOf, type AnalysisContext } from './analysisContext';
import { codeShares } from './codeShares';
import { distributionMethodMetrics } from './distributionMethodMetrics';
import type { HumanSample } from './humanSample';
import { humanCorrelation, humanReference, type BoundsSettings } from './humanReference';
import type { MethodInput } from './methodSample';
import { rowsMethodMetrics } from './rowsMethodMetrics';

/** Settings of one analysis; each defaults to the survey spec's `metrics`. */
export interface AnalyzeOptions {
  readonly bounds?: Partial<BoundsSettings>;
  readonly bootstrap?: number;
  readonly confidence?: number;
  readonly bootstrapSeed?: number;
  readonly subgroups?: readonly string[];
  /**
   * Threads computing bootstrap replicates (1: this thread only). Results are the same for any count.
   * @default the available parallelism when the bootstrap is large, else 1 (see `parallelBootstrap`)
   */
  readonly threads?: number;
  /** The spec path as the report should show it (relative to the workspace or run folder). @default survey.path */
  readonly specPath?: string;
  readonly signal?: AbortSignal;
  /** Called before each stage: `human` (bounds), then each method by name. */
  readonly onProgress?: (stage: string, done: number, total: number) => void;
  /** Bootstrap progress of the current method: replicates done of total (about every 100 ms). */
  readonly onBootstrap?: (done: number, total: number) => void;
  /** @default new Date() */
  readonly now?: Date;
}

/**
 * Measures every method against the survey's human data: the human reference with its split-half bounds, then
 * each method's metrics (data/README.md §3; seeds-methods §1.8 and §3.1). Pure apart from the clock: the human
 * sample and the methods' answers come in as data. Metrics that cannot be computed are null, with the reason in
 * `reasons` under their dotted path. Yields to the event loop between stages, so a Ctrl-C (the signal) is seen.
 */
export async function analyzeSurvey(survey: SurveySpec, human: HumanSample, methods: readonly MethodInput[], options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const codes = survey.questions.map((q) => q.codes);
  const reasons: Record<string, string> = {};
  const ctx: AnalysisContext = {
    survey,
    human,
    scales: scalesOf(survey),
    questionIds: survey.questions.map((q) => q.id),
    codes,
    humanShares: codeShares(human.matrix, codes, human.weights).shares,
    humanCorrelation: humanCorrelation(human.matrix, human.weights),
    bootstrap: options.bootstrap ?? survey.metrics.bootstrap,
    confidence: options.confidence ?? survey.metrics.confidence,
    bootstrapSeed: options.bootstrapSeed ?? survey.metrics.seed,
    subgroups: options.subgroups ?? survey.metrics.subgroups,
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onBootstrap ? { onBootstrap: options.onBootstrap } : {}),
    reasons,
  };
  const total = methods.length + 1;
  options.onProgress?.('human', 0, total);
  const bounds: BoundsSettings = { ...survey.metrics.bounds, ...options.bounds };
  await yieldToEventLoop();
  const humanRef = humanReference(ctx, bounds);
  const out: Record<string, MethodMetrics> = {};
  for (const [i, m] of methods.entries()) {
    await yieldToEventLoop();
    options.signal?.throwIfAborted();
    options.onProgress?.(m.name, i + 1, total);
    out[m.name] = m.sample.kind === 'rows' ? await rowsMethodMetrics(ctx, m, m.sample) : await distributionMethodMetrics(ctx, m, m.sample);
  }
  await yieldToEventLoop();
  options.signal?.throwIfAborted();
  return {
    schema: 'persona-studio/analysis@1',
    createdAt: (options.now ?? new Date()).toISOString(),
    survey: {
      name: survey.name,
      specPath: options.specPath ?? survey.path,
      specHash: survey.hash,
      questions: survey.questions.map((q) => ({ id: q.id, text: q.text, options: q.options, codes: q.codes, ...(q.line === undefined ? {} : { line: q.line }) })),
      scales: Object.fromEntries(survey.scales.map((s) => [s.name, { items: s.items, reverse: s.reverse }])),
    },
    human: humanRef,
    methods: out,
    reasons,
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
