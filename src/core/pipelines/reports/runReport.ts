import type { ModelSettings } from '../../specModel/modelSettings';
import type { PersonaSpec } from '../../specModel/personaSpec';
import { resolveSurveyEndpoint, resolveSurveyModel } from '../../specModel/resolveSurveyModel';
import type { SurveySpec } from '../../specModel/surveySpec';
import type { RunRecord } from '../../runs/runRecord';
import type { AnalysisReport, MethodMetrics } from '../analysis/analysisReport';

/** The label every report carries: the answers are model output, not survey responses. */
export const SYNTHETIC_LABEL = 'SYNTHETIC DATA: every answer in this run was produced by a language model or a statistical baseline, not by a human respondent. Do not report it as survey data.';

/**
 * The methods/disclosure report of one run (`report.json`; `report.md` renders the same model): what was run,
 * with which models, parameters, seeds and verbatim prompt templates, how answers were elicited and refusals
 * handled, what it cost, the SHA-256 of the journal, and the headline metrics. Plain JSON.
 */
export interface RunReport {
  readonly schema: 'persona-studio/report@1';
  readonly label: string;
  readonly generatedAt: string;
  readonly run: { readonly id: string; readonly kind: RunRecord['kind']; readonly method: string; readonly status: RunRecord['status']; readonly createdAt: string; readonly updatedAt: string };
  readonly survey: { readonly name: string; readonly path: string; readonly sha256: string; readonly description?: string; readonly questions: number; readonly scales: readonly string[]; readonly humanData?: string; readonly weighted: boolean };
  readonly personas?: { readonly name: string; readonly path: string; readonly sha256: string; readonly method: string; readonly description?: string };
  /** Every model involved, by role (`survey`, `backstories`, `demographic survey`, `locator`), with all parameters. */
  readonly models: readonly { readonly role: string; readonly endpoint?: string; readonly settings: ModelSettings }[];
  readonly endpoint?: RunRecord['endpoint'];
  readonly seeds: Readonly<Record<string, number>>;
  /** Template name → the template exactly as written in the specs (defaults included). */
  readonly prompts: Readonly<Record<string, string>>;
  readonly elicitation: {
    readonly method: string;
    readonly samples: number;
    readonly maxReasks: number;
    readonly mode: string;
    readonly order: SurveySpec['simulation']['order'];
    readonly matching: SurveySpec['matching'];
  };
  readonly refusalHandling: string;
  readonly totals: RunRecord['totals'];
  readonly journal?: { readonly file: string; readonly sha256: string; readonly bytes: number };
  /** Baseline details (how the demographic-cell draw was made), when this is a baselines run. */
  readonly baselines?: Readonly<Record<string, unknown>>;
  readonly metrics?: {
    readonly human: { readonly n: number; readonly bounds: { readonly splits: number; readonly rule: string; readonly wd_mean: number | null; readonly frobenius: number | null } };
    readonly methods: Readonly<Record<string, ReportMethodMetrics>>;
  };
}

/** A method's main metrics in the report; `intervals` and `intervals_note` as in analysis.json, when it has them. */
export interface ReportMethodMetrics {
  readonly n: number;
  readonly wd_mean: number | null;
  readonly frobenius: number | null;
  readonly representativeness: number | null;
  readonly intervals?: NonNullable<MethodMetrics['intervals']>;
  /** analysis.json's `reasons["methods.<name>.intervals_note"]`: the estimate lies below its interval. */
  readonly intervals_note?: string;
}

export interface RunReportInput {
  readonly record: RunRecord;
  /** Where the run folder is, for relative paths in the report. */
  readonly survey: SurveySpec;
  readonly persona?: PersonaSpec;
  readonly analysis?: AnalysisReport;
  readonly journal?: { readonly file: string; readonly sha256: string; readonly bytes: number };
  readonly baselines?: Readonly<Record<string, unknown>>;
  /** Paths as shown in the report (relative to the run folder). */
  readonly surveyPath: string;
  readonly personaPath?: string;
  readonly now?: Date;
}

/** Builds the methods/disclosure report of a run from its record, its specs and its analysis. */
export function buildRunReport(input: RunReportInput): RunReport {
  const { record, survey, persona, analysis } = input;
  const models: { role: string; endpoint?: string; settings: ModelSettings }[] = [];
  const surveyModel = resolveSurveyModel(survey, persona);
  const simulation = record.kind === 'simulation';
  if (simulation && surveyModel) models.push({ role: 'survey', endpoint: resolveSurveyEndpoint(survey, persona), settings: surveyModel });
  if (simulation && persona?.model && persona.backstories) models.push({ role: 'backstories', endpoint: persona.endpoint, settings: persona.model });
  if (simulation && persona?.demographics?.model) models.push({ role: 'demographic survey', endpoint: persona.endpoint, settings: persona.demographics.model });
  if (simulation && persona?.demographics?.locator?.model) models.push({ role: 'locator', endpoint: persona.demographics.locator.endpoint, settings: persona.demographics.locator.model });
  const prompts: Record<string, string> = {};
  if (simulation) {
    prompts['simulation.template'] = survey.simulation.template;
    if (survey.simulation.mode === 'series') prompts['simulation.consistency'] = survey.simulation.consistency;
    if (survey.simulation.system !== undefined) prompts['simulation.system'] = survey.simulation.system;
    for (const q of survey.questions) if (q.template !== undefined) prompts[`questions.${q.id}.template`] = q.template;
    if (persona?.backstories) {
      if (persona.backstories.preamble) prompts['backstories.preamble.prompt'] = persona.backstories.preamble.prompt;
      prompts['backstories.prompt'] = persona.backstories.prompt;
      if (persona.backstories.system !== undefined) prompts['backstories.system'] = persona.backstories.system;
    }
    if (persona?.demographics) prompts['demographics.template'] = persona.demographics.template;
    if (persona?.profile) {
      prompts['profile.preamble'] = persona.profile.preamble;
      prompts[persona.profile.style === 'portray' ? 'profile.line' : 'profile.item'] = persona.profile.style === 'portray' ? persona.profile.line : persona.profile.item;
    }
    if (persona?.generation) prompts['generation.prompt'] = persona.generation.prompt;
  }
  const e = survey.simulation.elicitation;
  const refusalHandling = simulation
    ? `An answer that cannot be parsed as one option is re-asked up to ${e.max_reasks} time(s); still unparseable, it is recorded as non-compliant. Refusals and non-compliant answers are kept as missing (an empty cell in answers.csv), counted per question as the refusal rate, and dropped per question before distributions, WD and correlations; they are never silently removed from the persona count.`
    : 'Baselines do not refuse: the uniform baseline answers every question; the demographic-cell baseline copies a donor respondent, including the donor\'s missing answers (counted in its refusal rate).';
  return {
    schema: 'persona-studio/report@1',
    label: SYNTHETIC_LABEL,
    generatedAt: (input.now ?? new Date()).toISOString(),
    run: { id: record.id, kind: record.kind, method: record.method, status: record.status, createdAt: record.createdAt, updatedAt: record.updatedAt },
    survey: {
      name: survey.name,
      path: input.surveyPath,
      sha256: survey.hash,
      ...(survey.description ? { description: survey.description } : {}),
      questions: survey.questions.length,
      scales: survey.scales.map((s) => s.name),
      ...(survey.human ? { humanData: survey.human.dataWritten } : {}),
      weighted: survey.human?.weight !== undefined,
    },
    ...(persona ? { personas: { name: persona.name, path: input.personaPath ?? persona.path, sha256: persona.hash, method: persona.method, ...(persona.description ? { description: persona.description } : {}) } } : {}),
    models,
    ...(record.endpoint ? { endpoint: record.endpoint } : {}),
    seeds: record.seeds,
    prompts,
    elicitation: { method: e.method, samples: e.samples, maxReasks: e.max_reasks, mode: survey.simulation.mode, order: survey.simulation.order, matching: survey.matching },
    refusalHandling,
    totals: record.totals,
    ...(input.journal ? { journal: input.journal } : {}),
    ...(input.baselines ? { baselines: input.baselines } : {}),
    ...(analysis ? {
      metrics: {
        human: { n: analysis.human.n, bounds: { splits: analysis.human.bounds.splits, rule: analysis.human.bounds.rule, wd_mean: analysis.human.bounds.wd_mean, frobenius: analysis.human.bounds.frobenius } },
        methods: Object.fromEntries(Object.entries(analysis.methods).map(([k, m]) => {
          const note = analysis.reasons[`methods.${k}.intervals_note`];
          return [k, { n: m.n, wd_mean: m.wd_mean, frobenius: m.frobenius, representativeness: m.representativeness, ...(m.intervals ? { intervals: m.intervals } : {}), ...(note === undefined ? {} : { intervals_note: note }) }];
        })),
      },
    } : {}),
  };
}
