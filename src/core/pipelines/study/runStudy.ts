import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import type { Table } from '../../data';
import { publicBaseUrl } from '../../llm/endpointConfig';
import { costOfTokens } from '../../llm/costOfTokens';
import type { ModelPrice } from '../../llm/modelPrices';
import { openRunStore, RunStoreError, type RunStore } from '../../runStore/openRunStore';
import { canonicalJson } from '../../runStore/canonicalJson';
import { RUN_FILES, type RunRecord, type StageProgress } from '../../runs/runRecord';
import type { BackstoryRecord, DemographicRecord } from '../backstories/backstoryRecord';
import type { PrimedDemographics } from '../backstories/backstoryConfig';
import { generateBackstories, type BackstoryGenerationSummary } from '../backstories/generateBackstories';
import { excludedIds, parseBackstoriesJsonl } from '../backstories/readBackstories';
import { runDemographicSurvey, type DemographicSurveySummary } from '../demographicSurvey/runDemographicSurvey';
import { matchBackstories, type MatchedPersona, type MatchingSummary } from '../matching/matchBackstories';
import { PipelineError } from '../shared/pipelineError';
import { nodePipelineFiles, type PipelineFiles } from '../shared/pipelineFiles';
import { RequestSender, type LlmAccess, type SenderCounts } from '../shared/requestSender';
import type { StageContext, StageProgressEvent } from '../shared/stageContext';
import { formatAnswersCsv } from '../../runs/answersFile';
import { analyzeStudy } from '../analysis/analyzeStudy';
import type { AnalysisReport } from '../analysis/analysisReport';
import type { QuestionCounts } from '../simulation/questionCounts';
import { simulateSurvey } from '../simulation/simulateSurvey';
import { isDirectMethod, type DirectMethod } from '../personaMethods/methodPersona';
import { censusMetaPersonas } from '../personaMethods/censusPersonas';
import { LADDER_DECODING } from '../personaMethods/ladderPersonas';
import { fromSpecModel } from '../shared/modelSettings';
import { personasOfRecords } from '../personaMethods/methodPersonas';
import { formatPersonasFile } from '../personaMethods/personasFile';
import { directPersonas } from './directPersonas';
import type { PersonaSpec } from '../../specModel/personaSpec';
import { personaOutputs, personaStageConfigs } from '../specConfig/personaStageConfigs';
import { runMethodName, surveyStageConfigs } from '../specConfig/surveyStageConfigs';
import { estimateStudy, type StudyEstimate } from './estimateStudy';
import { primedPersonas, primedRespondents } from './primedStudy';
import { loadPersona, loadSurveyWithPersona, readHumans } from './loadStudySpecs';
import { checkedRunRecord, newRunId } from '../../runs/runFolders';
import { resumableRun, runsRoot } from './runFolders';

/** Everything a caller (CLI, editor) decides; the study functions do the rest. */
export interface StudyOptions {
  readonly access: LlmAccess;
  /** Endpoint base URL (credentials are dropped before it is stored) and its kind when known. */
  readonly endpoint: { readonly baseUrl: string; readonly kind?: string };
  /**
   * The locator's endpoint when the persona spec sends the locator questions elsewhere (`demographics.locator.endpoint`
   * naming another endpoint than the run's; see `studyEndpointNames`). Default: `access`. With its own endpoint the
   * locator keeps its spec model (`model` replaces the run endpoint's models only).
   */
  readonly locator?: { readonly access: LlmAccess; readonly baseUrl: string };
  readonly model?: string;
  readonly seed?: number;
  /** Backstories wanted instead of the spec's count (small runs). */
  readonly count?: number;
  readonly noLocator?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (event: StageProgressEvent) => void;
  /** One-line notes: "resuming …", "backstories: 1000 exist". */
  readonly onMessage?: (line: string) => void;
  /** Called with the estimate before anything is sent; resolve `false` to stop (PipelineError 'declined'). */
  readonly confirm?: (estimate: StudyEstimate) => boolean | Promise<boolean>;
  readonly files?: PipelineFiles;
  readonly versions?: Readonly<Record<string, string>>;
  readonly now?: () => Date;
  /** A persona spec instead of the survey's `personas:` (each rung of the persona ladder on one survey). */
  readonly personas?: string;
  /** Analyse a finished simulation against the human data (analysis.json, report.md). @default true */
  readonly analyze?: boolean;
  /** Per-model prices (USD per 1M tokens) over the engine's defaults, for the estimate. */
  readonly prices?: Readonly<Record<string, ModelPrice>>;
  /** How the caller's user sets a price, for the note on unpriced models. */
  readonly howToSetPrice?: string;
  /** For an estimate without endpoints: the locator will ask its own endpoint (keeps its model under `model`). */
  readonly locatorOwnEndpoint?: boolean;
}

export interface PersonaStagesResult {
  /** The backstories file, or for a direct method its personas file. */
  readonly backstoriesPath: string;
  readonly demographicsPath: string | undefined;
  readonly backstories: BackstoryRecord[];
  readonly demographics: DemographicRecord[];
  readonly backstorySummary: BackstoryGenerationSummary;
  readonly demographicSummary: DemographicSurveySummary | undefined;
  readonly requests: Readonly<SenderCounts>;
  /** Direct methods (`generate`): the personas file, the personas in it, the failed ones, and whether it was there already. */
  readonly methodPersonas?: { readonly path: string; readonly personas: number; readonly failed: number; readonly existing: boolean };
}

export interface SimulationResult extends PersonaStagesResult {
  readonly runDir: string;
  readonly record: RunRecord;
  readonly matching: MatchingSummary;
  readonly counts: Readonly<Record<string, QuestionCounts>>;
  readonly answersPath: string;
  /** The analysis of the run against the human data (also in analysis.json), unless it was turned off or failed. */
  readonly analysis?: AnalysisReport;
  /**
   * Methods without backstories (bio … import): the run folder's record of every persona with its seed (a copy of the
   * personas file), how many failed, and whether the personas file was there already.
   */
  readonly methodPersonas?: { readonly path: string; readonly personas: number; readonly failed: number; readonly existing: boolean };
}

/** The run-folder file a direct persona method records its personas in (seed, meta persona, parsed fields, failures). */
export const METHOD_PERSONAS_FILE = 'method-personas.jsonl';

const NO_BACKSTORIES: BackstoryGenerationSummary = { written: 0, wanted: 0, existing: false, tries: 0, accepted: 0, short: 0, duplicates: 0, preambleRejected: 0, preambleResamples: 0, failed: 0, emptySlots: 0 };
const NO_REQUESTS: SenderCounts = { requests: 0, fromJournal: 0, sent: 0, cached: 0, failed: 0, failedByReason: {}, promptTokens: 0, completionTokens: 0, tokensByModel: {} };
/** The persona stages of a direct method: no backstories, no demographic survey. */
const NO_PERSONA_STAGES: PersonaStagesResult = { backstoriesPath: '', demographicsPath: undefined, backstories: [], demographics: [], backstorySummary: NO_BACKSTORIES, demographicSummary: undefined, requests: NO_REQUESTS };

/** The seed of a direct method's personas: `--seed`, else the persona spec's, else 42 (as the backstory stages). */
const directSeed = (persona: PersonaSpec, o: { readonly seed?: number }): number => o.seed ?? persona.seed ?? 42;

/** Rough persona count of a direct method before it runs (for the estimate): respondents, census count per region, or the import limit. */
function directUnits(persona: PersonaSpec, method: DirectMethod, respondents: number, count?: number): number {
  if (method === 'bio' || method === 'qa' || method === 'portray') return respondents;
  if (method === 'import') return count !== undefined ? Math.min(count, persona.import?.limit ?? count) : persona.import?.limit ?? 0;
  return count ?? persona.census?.count ?? 100;
}

const hashOf = (value: unknown): string => createHash('sha256').update(canonicalJson(value)).digest('hex');

async function openStore(dir: string, specHash: string, baseUrl: string, model: string, seeds: Record<string, number>, versions: Readonly<Record<string, string>>, cacheDir?: string): Promise<RunStore> {
  try {
    return await openRunStore(dir, { manifest: { specHash, endpoint: { name: 'study', baseUrl: publicBaseUrl(baseUrl), model }, params: {}, seeds, versions }, ...(cacheDir ? { cacheDir } : {}) });
  } catch (err) {
    if (RunStoreError.is(err)) throw new PipelineError('config', `${err.message}; use another --run-dir, or delete ${dir} to start over`);
    throw err;
  }
}

async function readExisting<T>(files: PipelineFiles, path: string, parse: (text: string) => T[]): Promise<T[]> {
  const text = await files.readTextIfExists(path);
  return text === undefined ? [] : parse(text);
}

function parseDemographics(text: string): DemographicRecord[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as DemographicRecord);
}

/** Settings and what is already on disk for a persona spec. */
async function personaPlan(persona: PersonaSpec, o: StudyOptions, files: PipelineFiles, dp?: { readonly surveyBase: string; readonly respondents: number }) {
  let configs = personaStageConfigs(persona, { ...(o.model === undefined ? {} : { model: o.model }), ...(o.seed === undefined ? {} : { seed: o.seed }), ...(o.count === undefined ? {} : { count: o.count }), ...(o.noLocator ? { noLocator: true } : {}), ...(o.locator || o.locatorOwnEndpoint ? { locatorOwnEndpoint: true } : {}) });
  let out = personaOutputs(persona);
  if (configs.method === 'demographics-primed') {
    if (!dp) throw new PipelineError('config', `${persona.path}: demographics-primed backstories are written per respondent of a survey; run persona-studio simulate <survey.yaml> with a survey that points here`);
    // one backstory per respondent of this survey, in a file of its own; no demographic survey (the demographics are given)
    const backstories = out.backstories.replace(/\.backstories\.jsonl$|\.jsonl$/i, `.${dp.surveyBase}.backstories.jsonl`);
    out = { ...out, backstories, review: `${backstories}.review.json` };
    configs = { ...configs, backstories: { ...configs.backstories, count: dp.respondents, outputPath: backstories }, demographics: undefined };
  }
  const backstories = await readExisting(files, out.backstories, (t) => parseBackstoriesJsonl(t, out.backstories));
  const demographics = configs.demographics ? await readExisting(files, out.demographics, parseDemographics) : [];
  const needBackstories = backstories.length < configs.backstories.count;
  const surveyed = new Set(demographics.map((d) => d.id));
  const needDemographics = configs.demographics !== undefined && (needBackstories || backstories.some((b) => !surveyed.has(b.id)));
  return { configs, out, needBackstories, needDemographics, existingCount: backstories.length };
}

/** Runs the persona stages that are not complete on disk (backstories, then their demographic survey). */
async function runPersonaStages(persona: PersonaSpec, o: StudyOptions, files: PipelineFiles, plan: Awaited<ReturnType<typeof personaPlan>>, primed?: { readonly surveyBase: string; readonly respondents: readonly PrimedDemographics[] }): Promise<PersonaStagesResult> {
  const { out } = plan;
  const configs = primed ? { ...plan.configs, backstories: { ...plan.configs.backstories, primed: primed.respondents } } : plan.configs;
  const { count: _count, outputPath: _o, primed: _p, ...generation } = configs.backstories;
  const dir = nodePath.join(runsRoot(persona.path), primed ? `generate-${primed.surveyBase}` : 'generate');
  const store = await openStore(dir, hashOf({ generation, demographics: configs.demographics ?? null }), o.endpoint.baseUrl, configs.backstories.model.name, { backstories: configs.backstories.seed }, o.versions ?? {});
  try {
    if (store.resumed && store.resume.answered.size > 0) o.onMessage?.(`generate: resuming, ${store.resume.answered.size} answers in the journal`);
    const llm = await RequestSender.open(store, o.access, { ...(o.signal ? { signal: o.signal } : {}) });
    // the locator's own endpoint writes to the same journal (its answers resume like every other)
    const locatorLlm = o.locator && configs.demographics?.locator ? await RequestSender.open(store, o.locator.access, { ...(o.signal ? { signal: o.signal } : {}) }) : undefined;
    const ctx: StageContext = { llm, ...(locatorLlm ? { locatorLlm } : {}), files, runDir: dir, ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.now ? { now: o.now } : {}) };
    const b = await generateBackstories(configs.backstories, ctx);
    if (b.records.length === 0 && llm.counts.failed > 0) {
      // say why nothing came back (a wrong key, a wrong model), not what a later stage misses
      const reasons = Object.entries(llm.counts.failedByReason).map(([r, n]) => `${r} ${n}`).join(', ');
      throw new PipelineError('input', `no backstory was generated: ${llm.counts.failed} request(s) failed (${reasons}); each failure and the server's message are in ${nodePath.join(dir, 'journal.jsonl')}; fix the endpoint, model or API key and run the same command again`);
    }
    if (b.summary.existing) o.onMessage?.(`backstories: ${b.records.length} in ${nodePath.basename(out.backstories)} already`);
    let demographics: DemographicRecord[] = [];
    let demographicSummary: DemographicSurveySummary | undefined;
    if (configs.demographics) {
      const existing = await readExisting(files, out.demographics, parseDemographics);
      const ids = new Set(existing.map((d) => d.id));
      if (!b.summary.existing || b.records.some((r) => !ids.has(r.id))) {
        const d = await runDemographicSurvey(configs.demographics, b.records, ctx);
        demographics = d.records;
        demographicSummary = d.summary;
      } else demographics = existing;
    }
    return { backstoriesPath: out.backstories, demographicsPath: configs.demographics ? out.demographics : undefined, backstories: b.records, demographics, backstorySummary: b.summary, demographicSummary, requests: locatorLlm ? addCounts(llm.counts, locatorLlm.counts) : { ...llm.counts } };
  } finally {
    store.close();
  }
}

/** The request totals of two senders of one run folder (the run's endpoint and the locator's). */
function addCounts(a: Readonly<SenderCounts>, b: Readonly<SenderCounts>): SenderCounts {
  const failedByReason = { ...a.failedByReason };
  for (const [r, n] of Object.entries(b.failedByReason)) failedByReason[r as keyof typeof failedByReason] = (failedByReason[r as keyof typeof failedByReason] ?? 0) + (n ?? 0);
  const tokensByModel: SenderCounts['tokensByModel'] = {};
  for (const c of [a, b]) {
    for (const [model, t] of Object.entries(c.tokensByModel)) {
      const m = (tokensByModel[model] ??= { promptTokens: 0, completionTokens: 0 });
      m.promptTokens += t.promptTokens;
      m.completionTokens += t.completionTokens;
    }
  }
  return {
    requests: a.requests + b.requests,
    fromJournal: a.fromJournal + b.fromJournal,
    sent: a.sent + b.sent,
    cached: a.cached + b.cached,
    failed: a.failed + b.failed,
    failedByReason,
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    tokensByModel,
  };
}

async function confirmed(o: StudyOptions, estimate: StudyEstimate): Promise<void> {
  if (estimate.total.calls === 0 || !o.confirm) return;
  if (!(await o.confirm(estimate))) throw new PipelineError('declined', 'stopped before sending anything: the estimate was not confirmed');
}

/** The estimate of what `generate` (or, with a survey, `simulate`) would still send. */
export async function estimateSpec(specPath: string, o: Omit<StudyOptions, 'access' | 'endpoint'> & { batch?: boolean }): Promise<StudyEstimate> {
  const files = o.files ?? nodePipelineFiles;
  const isPersona = /\.persona\.ya?ml$/i.test(specPath);
  const loaded = isPersona ? { survey: undefined, persona: loadPersona(specPath) } : loadSurveyWithPersona(specPath, o.personas);
  const persona = loaded.persona;
  if (isDirectMethod(persona.method)) {
    // a persona spec alone: what `generate` sends (a ladder rung's generation requests; meta, import and the
    // templates send nothing); with a survey, also the survey asked of every persona
    const s = loaded.survey ? surveyStageConfigs(loaded.survey, persona, { ...(o.model === undefined ? {} : { model: o.model }), ...(o.seed === undefined ? {} : { seed: o.seed }) }) : undefined;
    const profile = ['bio', 'qa', 'portray'].includes(persona.method);
    const units = directUnits(persona, persona.method, profile && loaded.survey ? (await readHumans(loaded.survey, o.signal)).rows : 0, o.count);
    const pricing = { batch: o.batch ?? false, ...(o.prices ? { prices: o.prices } : {}), ...(o.howToSetPrice ? { howToSetPrice: o.howToSetPrice } : {}) };
    const method = persona.method;
    if ((method === 'objective-tabular' || method === 'subjective-tabular' || method === 'descriptive') && persona.census) {
      // each rung of the ladder writes its personas with one generation request per meta persona (the first stands for all)
      const generator = persona.model ? fromSpecModel(persona.model, o.model) : o.model !== undefined ? { name: o.model, api: 'chat' as const, params: {} } : undefined;
      const [meta] = await censusMetaPersonas(persona.census, directSeed(persona, o), 1, o.signal);
      const maxTokens = generator?.params.max_tokens ?? LADDER_DECODING.max_tokens;
      return estimateStudy({ ...(generator && meta ? { personas: { layer: method, meta, generation: persona.generation, model: generator, units } } : {}), ...(s ? { simulation: { config: s.simulation, units, personaTokens: maxTokens } } : {}) }, pricing);
    }
    return estimateStudy(s ? { simulation: { config: s.simulation, units, personaTokens: 400 } } : {}, pricing);
  }
  const dp = loaded.survey && persona.method === 'demographics-primed' ? { surveyBase: nodePath.basename(loaded.survey.path).replace(/\.survey\.ya?ml$/i, ''), respondents: (await readHumans(loaded.survey, o.signal)).rows } : undefined;
  const p = await personaPlan(persona, o as StudyOptions, files, dp);
  const backstoryTokens = p.configs.backstories.model.params.max_tokens ?? 1500;
  const parts: { -readonly [K in keyof Parameters<typeof estimateStudy>[0]]: Parameters<typeof estimateStudy>[0][K] } = {
    ...(p.needBackstories ? { backstories: { config: p.configs.backstories, units: p.configs.backstories.count - p.existingCount } } : {}),
    ...(p.needDemographics && p.configs.demographics ? { demographics: { config: p.configs.demographics, units: p.configs.backstories.count, backstoryTokens } } : {}),
  };
  if (loaded.survey) {
    const s = surveyStageConfigs(loaded.survey, persona, { ...(o.model === undefined ? {} : { model: o.model }), ...(o.seed === undefined ? {} : { seed: o.seed }) });
    const humans = s.matching.method === 'none' ? p.configs.backstories.count : (await readHumans(loaded.survey, o.signal)).rows;
    parts.simulation = { config: s.simulation, units: humans, personaTokens: backstoryTokens + 80 };
  }
  return estimateStudy(parts, { batch: o.batch ?? false, ...(o.prices ? { prices: o.prices } : {}), ...(o.howToSetPrice ? { howToSetPrice: o.howToSetPrice } : {}) });
}

/**
 * `generate`: the personas `simulate` will ask, resumable, so they can be reviewed before the survey is paid for:
 * backstories and their demographic survey (anthology), or the personas file of a direct method (meta, ladder rungs,
 * import; bio/qa/portray and demographics-primed are written from a survey's respondents, so `specPath` may be a
 * survey spec: its `personas:` or `o.personas` are generated).
 */
export async function generatePersonas(specPath: string, o: StudyOptions): Promise<PersonaStagesResult> {
  const files = o.files ?? nodePipelineFiles;
  const fromSurvey = /\.survey\.ya?ml$/i.test(specPath);
  const loaded = fromSurvey ? loadSurveyWithPersona(specPath, o.personas) : { survey: undefined, persona: loadPersona(specPath) };
  const persona = loaded.persona;
  const personaSpecPath = persona.path;
  const surveyBase = loaded.survey ? nodePath.basename(loaded.survey.path).replace(/\.survey\.ya?ml$/i, '') : undefined;
  if (isDirectMethod(persona.method)) {
    const method = persona.method;
    const survey = loaded.survey;
    let profile: Parameters<typeof directPersonas>[5];
    if (survey && ['bio', 'qa', 'portray'].includes(method)) {
      const s = surveyStageConfigs(survey, persona, { ...(o.model === undefined ? {} : { model: o.model }), ...(o.seed === undefined ? {} : { seed: o.seed }) });
      profile = { surveyBase: surveyBase!, matching: s.matching, humans: await readHumans(survey, o.signal) };
    }
    // only written (an imported set streamed to the file), not kept: generate may face a million personas
    const made = await directPersonas(persona, method, directSeed(persona, o), { ...o, keep: false }, files, profile);
    return { ...NO_PERSONA_STAGES, backstoriesPath: made.path, requests: made.requests, methodPersonas: { path: made.path, personas: made.personas, failed: made.failed, existing: made.existing } };
  }
  const dp = loaded.survey && persona.method === 'demographics-primed' ? { surveyBase: surveyBase!, respondents: await readHumans(loaded.survey, o.signal) } : undefined;
  if (persona.method === 'demographics-primed' && !dp) throw new PipelineError('config', `${persona.path}: demographics-primed backstories are written per respondent of a survey; run persona-studio generate <survey.yaml> with a survey whose personas: names this spec`);
  const plan = await personaPlan(persona, o, files, dp ? { surveyBase: dp.surveyBase, respondents: dp.respondents.rows } : undefined);
  if (plan.needBackstories || plan.needDemographics) await confirmed(o, await estimateSpec(dp ? specPath : personaSpecPath, { ...o, batch: o.access.mode === 'batch' }));
  if (!dp) return runPersonaStages(persona, o, files, plan);
  const seed = plan.configs.backstories.seed;
  const s = surveyStageConfigs(loaded.survey!, persona, { ...(o.model === undefined ? {} : { model: o.model }), ...(o.seed === undefined ? {} : { seed: o.seed }) });
  return runPersonaStages(persona, o, files, plan, { surveyBase: dp.surveyBase, respondents: primedRespondents(persona, s.matching, dp.respondents, seed) });
}

/** The run's cost from its tokens per model and the price table; null with the reason when a model is unpriced. */
function runCost(counts: ReadonlyArray<Readonly<SenderCounts>>, o: StudyOptions): { costUsd: number | null; costNote?: string } {
  const byModel: Record<string, { promptTokens: number; completionTokens: number }> = {};
  for (const c of counts) {
    for (const [model, t] of Object.entries(c.tokensByModel)) {
      const m = (byModel[model] ??= { promptTokens: 0, completionTokens: 0 });
      m.promptTokens += t.promptTokens;
      m.completionTokens += t.completionTokens;
    }
  }
  const cost = costOfTokens(byModel, { ...(o.prices ? { prices: o.prices } : {}), batch: o.access.mode === 'batch' });
  return cost.usd === null ? { costUsd: null, costNote: `no price for ${cost.unpricedModels.join(', ')}${o.howToSetPrice ? ` (${o.howToSetPrice})` : ''}` } : { costUsd: cost.usd };
}

/** The run.json of a run folder being resumed; a PipelineError naming the file when it is corrupt. */
function previousRecord(runDir: string): RunRecord | undefined {
  try {
    return checkedRunRecord(runDir);
  } catch (err) {
    throw new PipelineError('input', (err as Error).message);
  }
}

function stage(status: StageProgress['status'], done: number, total: number, failed = 0): StageProgress {
  return { status, done, total, failed };
}

/**
 * `simulate`: the whole study for a survey spec: the persona stages (skipped when complete on disk), matching to
 * the survey's respondents, and the survey asked of every matched persona; writes `answers.csv`, `personas.jsonl`
 * (presentation, permutation and every answer) and `run.json` in the run folder. Re-running with the same run
 * folder (or none: the newest unfinished run of the same spec) continues where it stopped.
 */
export async function simulateStudy(surveySpecPath: string, o: StudyOptions & { runDir?: string }): Promise<SimulationResult> {
  const files = o.files ?? nodePipelineFiles;
  const now = o.now ?? (() => new Date());
  const { survey, persona } = loadSurveyWithPersona(surveySpecPath, o.personas);
  const primedMethod = persona.method === 'demographics-primed';
  const direct = isDirectMethod(persona.method) ? persona.method : undefined;
  const profileMethod = direct === 'bio' || direct === 'qa' || direct === 'portray';
  const surveyBase = nodePath.basename(survey.path).replace(/\.survey\.ya?ml$/i, '');
  const humansForPriming = primedMethod ? await readHumans(survey, o.signal) : undefined;
  const plan = direct ? undefined : await personaPlan(persona, o, files, humansForPriming ? { surveyBase, respondents: humansForPriming.rows } : undefined);
  const s = surveyStageConfigs(survey, persona, { ...(o.model === undefined ? {} : { model: o.model }), ...(o.seed === undefined ? {} : { seed: o.seed }) });
  const personaSeed = plan ? plan.configs.backstories.seed : directSeed(persona, o);
  // meta, ladder and imported personas are simulated as they are (matching: none); bio/qa/portray are their respondents
  const method = primedMethod ? 'demographics-primed' : direct ?? runMethodName(plan!.configs.method, s.matching.method);
  const humans: Table | undefined = humansForPriming ?? (profileMethod || (!direct && s.matching.method !== 'none') ? await readHumans(survey, o.signal) : undefined);
  const respondents = humansForPriming ? primedRespondents(persona, s.matching, humansForPriming, personaSeed) : undefined;
  const root = runsRoot(survey.path);
  const runDir = o.runDir !== undefined ? nodePath.resolve(o.runDir) : (resumableRun(root, survey.hash, method) ?? nodePath.join(root, newRunId(root, method, now())));
  const previous = previousRecord(runDir);
  if (previous && previous.surveySpec.hash !== survey.hash) throw new PipelineError('config', `${runDir} holds a run of another version of ${nodePath.basename(survey.path)}; pass a new --run-dir`);
  if (!previous) await confirmed(o, await estimateSpec(surveySpecPath, { ...o, batch: o.access.mode === 'batch' }));
  fs.mkdirSync(runDir, { recursive: true });
  const created = now().toISOString();
  const record: RunRecord = previous ?? {
    schema: 'persona-studio/run@1',
    id: nodePath.basename(runDir),
    kind: 'simulation',
    method,
    status: 'planned',
    createdAt: created,
    updatedAt: created,
    surveySpec: { path: nodePath.relative(runDir, survey.path), hash: survey.hash },
    personaSpec: { path: nodePath.relative(runDir, persona.path), hash: persona.hash },
    model: s.simulation.model.name,
    endpoint: { baseUrl: publicBaseUrl(o.endpoint.baseUrl), ...(o.endpoint.kind ? { kind: o.endpoint.kind } : {}) },
    seeds: { ...(direct ? { personas: personaSeed } : { backstories: personaSeed }), matching: s.matching.seed, simulation: s.seed },
    stages: {},
    totals: { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: null },
  };
  const save = async (): Promise<void> => {
    record.updatedAt = now().toISOString();
    await files.writeTextAtomic(nodePath.join(runDir, RUN_FILES.record), `${JSON.stringify(record, null, 2)}\n`);
  };
  record.status = 'running';
  delete record.error;
  await save();
  let current = direct ? 'personas' : 'backstories';
  try {
    let personaStages: PersonaStagesResult;
    let matched: { personas: MatchedPersona[]; summary: MatchingSummary } | undefined;
    let methodRecord: SimulationResult['methodPersonas'];
    if (plan) {
      record.stages.backstories = stage('running', 0, plan.configs.backstories.count);
      personaStages = await runPersonaStages(persona, o, files, plan, respondents ? { surveyBase, respondents } : undefined);
      record.stages.backstories = stage('done', personaStages.backstories.length, plan.configs.backstories.count, personaStages.backstorySummary.emptySlots);
      record.stages.demographics = stage('done', personaStages.demographics.length, personaStages.backstories.length);
      current = 'matching';
      const review = await files.readTextIfExists(`${personaStages.backstoriesPath}.review.json`);
      const excluded = excludedIds(review, `${personaStages.backstoriesPath}.review.json`);
      matched = respondents
        ? { personas: primedPersonas(respondents, personaStages.backstories, s.matching, excluded), summary: { method: 'demographics-primed', humans: respondents.length, backstories: personaStages.backstories.length, excluded: excluded.size, unsurveyed: 0, distinctUsed: personaStages.backstories.length } }
        : matchBackstories(s.matching, personaStages.backstories, personaStages.demographics, excluded, humans);
      record.stages.matching = stage('done', matched.personas.length, matched.personas.length);
      current = 'simulation';
      record.stages.simulation = stage('running', 0, matched.personas.length * s.simulation.questions.length);
    } else {
      record.stages.personas = stage('running', 0, 0);
      await save();
      // the personas file `generate` wrote (reviewed, reused as it is), else made now and written next to the spec
      const made = await directPersonas(persona, direct!, personaSeed, o, files, profileMethod ? { surveyBase, matching: s.matching, humans: humans! } : undefined);
      personaStages = { backstoriesPath: made.path, demographicsPath: undefined, backstories: [], demographics: [], backstorySummary: NO_BACKSTORIES, demographicSummary: undefined, requests: made.requests };
      const mp = personasOfRecords(made.records);
      const path = nodePath.join(runDir, METHOD_PERSONAS_FILE);
      await files.writeTextAtomic(path, formatPersonasFile(mp.records));
      if (mp.failed > 0) o.onMessage?.(`personas: ${mp.failed} of ${mp.records.length} could not be made (reasons in ${METHOD_PERSONAS_FILE}); they are not simulated`);
      methodRecord = { path, personas: mp.personas.length, failed: mp.failed, existing: made.existing };
      record.stages.personas = stage('done', mp.personas.length, mp.records.length, mp.failed);
      matched = { personas: mp.personas, summary: { method: profileMethod ? direct! : 'none', humans: profileMethod ? mp.personas.length : 0, backstories: 0, excluded: 0, unsurveyed: 0, distinctUsed: mp.personas.length } };
      current = 'simulation';
      record.stages.simulation = stage('running', 0, mp.personas.length * s.simulation.questions.length);
    }
    await save();
    const store = await openStore(runDir, survey.hash, o.endpoint.baseUrl, s.simulation.model.name, { ...record.seeds }, o.versions ?? {}, nodePath.join(root, 'cache'));
    let sim: Awaited<ReturnType<typeof simulateSurvey>>;
    let requests: SenderCounts;
    try {
      if (store.resume.answered.size > 0) o.onMessage?.(`simulate: resuming ${nodePath.basename(runDir)}, ${store.resume.answered.size} answers in the journal`);
      const llm = await RequestSender.open(store, o.access, { ...(o.signal ? { signal: o.signal } : {}) });
      const ctx: StageContext = { llm, files, runDir, ...(o.signal ? { signal: o.signal } : {}), ...(o.onProgress ? { onProgress: o.onProgress } : {}), ...(o.now ? { now: o.now } : {}) };
      sim = await simulateSurvey(s.simulation, matched!.personas, ctx);
      requests = { ...llm.counts };
    } finally {
      store.close();
    }
    const matchedPersonas = matched!;
    const ids = s.simulation.questions.map((q) => q.id);
    const answersPath = nodePath.join(runDir, RUN_FILES.answers);
    const n = sim.results.length;
    const codes = new Float64Array(n * ids.length).fill(NaN);
    sim.results.forEach((r, row) => ids.forEach((q, k) => (codes[k * n + row] = r.answers[q]?.code ?? NaN)));
    const matchedAny = sim.results.some((r) => r.humanId !== undefined);
    await files.writeTextAtomic(
      answersPath,
      formatAnswersCsv({ personaIds: sim.results.map((r) => r.personaId), ...(matchedAny ? { respondents: sim.results.map((r) => r.humanId) } : {}), questionIds: ids, codes }),
    );
    await files.writeTextAtomic(
      nodePath.join(runDir, 'personas.jsonl'),
      sim.results.map((r, i) => `${JSON.stringify({ ...r, demographics: matchedPersonas.personas[i]!.demographics })}\n`).join(''),
    );
    const failed = Object.values(sim.counts).reduce((a, c) => a + c.failed, 0);
    record.stages.simulation = stage('done', matchedPersonas.personas.length * ids.length - failed, matchedPersonas.personas.length * ids.length, failed);
    record.answerCounts = sim.counts;
    record.totals = {
      calls: personaStages.requests.requests + requests.requests,
      promptTokens: personaStages.requests.promptTokens + requests.promptTokens,
      completionTokens: personaStages.requests.completionTokens + requests.completionTokens,
      ...runCost([personaStages.requests, requests], o),
    };
    record.status = 'done';
    await save();
    let analysis: SimulationResult['analysis'];
    if (o.analyze !== false) {
      try {
        analysis = (await analyzeStudy(runDir, { ...(o.signal ? { signal: o.signal } : {}), ...(o.onMessage ? { onProgress: o.onMessage } : {}), now: now() })).analysis;
      } catch (err) {
        // the answers stand; the analysis can be re-run with `persona-studio analyze <run folder>`
        o.onMessage?.(`analysis failed: ${err instanceof Error ? err.message : String(err)}; run persona-studio analyze ${runDir}`);
      }
    }
    return { ...personaStages, runDir, record, matching: matchedPersonas.summary, counts: sim.counts, answersPath, ...(analysis ? { analysis } : {}), ...(methodRecord ? { methodPersonas: methodRecord } : {}) };
  } catch (err) {
    const cancelled = PipelineError.is(err, 'cancelled') || PipelineError.is(err, 'awaiting-import') || o.signal?.aborted === true;
    record.status = cancelled ? 'cancelled' : 'failed';
    const st = record.stages[current];
    if (st) st.status = cancelled ? 'cancelled' : 'failed';
    record.error = { reason: PipelineError.is(err) ? err.reason : 'unknown', message: err instanceof Error ? err.message : String(err) };
    await save();
    throw err;
  }
}
