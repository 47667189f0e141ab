import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeAnswersCsv } from '../../runs/answersFile';
import { checkedRunRecord, createRunFolder, newRunId, readRunRecord, runFoldersWithAnswers, runsFolderOf, writeRunRecord } from '../../runs/runFolders';
import { RUN_FILES, type RunRecord } from '../../runs/runRecord';
import { writeFileAtomic } from '../../runStore/writeFileAtomic';
import { loadPersonaSpec, loadSurveySpec } from '../../spec/loadSpecModel';
import type { PersonaSpec } from '../../specModel/personaSpec';
import type { SurveySpec } from '../../specModel/surveySpec';
import { demographicCellBaseline, type DemographicCellStats } from '../baselines/demographicCellBaseline';
import { uniformBaseline } from '../baselines/uniformBaseline';
import { formatMetricsCsv } from '../reports/metricsCsv';
import { renderReportMarkdown } from '../reports/renderReportMarkdown';
import { buildRunReport, type RunReport } from '../reports/runReport';
import type { AnalysisReport } from './analysisReport';
import { analyzeSurvey } from './analyzeSurvey';
import { readHumanSample } from './humanSample';
import type { MethodInput } from './methodSample';
import { runOutcomeStudies } from '../outcomes/runOutcomeStudies';
import { ensembleSample } from './ensembleSample';
import { readRunAnswers } from './readRunAnswers';

export interface AnalyzeStudyOptions {
  /** Split-half count (default: the spec's `metrics.bounds.splits`). */
  readonly splits?: number;
  /** Bootstrap resamples (default: the spec's `metrics.bootstrap`; 0 = none). */
  readonly bootstrap?: number;
  /** Seed of the demographic-cell draw and the bootstrap (default: the spec's `metrics.seed`). */
  readonly seed?: number;
  /** Threads computing the bootstrap resamples (1: this thread only); results are identical for any count. @default automatic (`parallelBootstrap`) */
  readonly threads?: number;
  /** Ensembles to add: name → member method names and optional weights. Default: all simulation runs, equally, when there are 2 or more. */
  readonly ensembles?: readonly { readonly name: string; readonly members: readonly string[]; readonly weights?: readonly number[] }[];
  readonly signal?: AbortSignal;
  /** A line of progress (for stderr). */
  readonly onProgress?: (message: string) => void;
  readonly now?: Date;
}

export interface AnalyzeStudyResult {
  readonly survey: SurveySpec;
  readonly analysis: AnalysisReport;
  /** The run folder written (the new baselines run, or the run analysed). */
  readonly runDir: string;
  readonly files: readonly string[];
}

/**
 * `analyze`: measures the baselines (and every simulation run with answers) against the survey's human data and
 * writes the results into a run folder. `target` is a survey spec — then a new baselines run
 * `runs/<spec>/<id>-baselines/` is written (run.json, answers.csv of the demographic-cell baseline, analysis.json,
 * metrics.csv, report.md, report.json) and every run under `runs/<spec>/` with an answers.csv is analysed too — or a
 * run folder, whose analysis, metrics and report are rewritten (with both baselines beside it).
 * @throws SpecLoadError, DataError, StatsError; the signal's reason when aborted
 */
export async function analyzeStudy(target: string, options: AnalyzeStudyOptions = {}): Promise<AnalyzeStudyResult> {
  const now = options.now ?? new Date();
  const progress = options.onProgress ?? ((): void => undefined);
  const isRunDir = existsSync(target) && statSync(target).isDirectory();
  const record = isRunDir ? checkedRunRecord(target) : undefined;
  if (isRunDir && !record) throw new RangeError(`${target}: not a run folder (it has no ${RUN_FILES.record})`);
  const surveyPath = record ? path.resolve(target, record.surveySpec.path) : target;
  const { spec: survey } = loadSurveySpec(surveyPath);
  const persona = survey.personas && existsSync(survey.personas) ? tryLoadPersona(survey.personas) : undefined;
  progress(`reading ${survey.human?.dataWritten ?? 'the human data'}`);
  const human = await readHumanSample(survey, { ...(options.signal ? { signal: options.signal } : {}) });
  // a baselines run folder re-analysed keeps its own seed unless another is asked for (its answers.csv is rewritten then)
  const seed = options.seed ?? (record?.kind === 'baselines' ? record.seeds['demographic-cell'] : undefined) ?? survey.metrics.seed;
  const methods: MethodInput[] = [];
  let cellStats: DemographicCellStats | undefined;
  let cellSample: ReturnType<typeof demographicCellBaseline>['sample'] | undefined;
  if (survey.baselines.includes('uniform')) methods.push({ name: 'uniform', kind: 'baseline', label: 'uniform (exact)', sample: uniformBaseline(survey) });
  if (survey.baselines.includes('demographic-cell')) {
    const variables = survey.human?.demographics.map((d) => d.name) ?? [];
    const cell = demographicCellBaseline(human, variables, seed);
    cellStats = cell.stats;
    cellSample = cell.sample;
    methods.push({ name: 'demographic-cell', kind: 'baseline', label: `demographic cell (${variables.join(' × ') || 'no variables'})`, sample: cell.sample });
  }
  const runsFolder = runsFolderOf(survey.path);
  const simulationDirs = record
    ? (record.kind === 'simulation' ? [path.resolve(target)] : [])
    : runFoldersWithAnswers(runsFolder).filter((dir) => readRunRecord(dir)?.kind !== 'baselines');
  const simulations: MethodInput[] = [];
  for (const dir of simulationDirs) {
    const r = readRunRecord(dir);
    const name = uniqueName(r?.method ?? path.basename(dir), methods);
    progress(`reading ${path.relative(process.cwd(), path.join(dir, RUN_FILES.answers))}`);
    const sample = await readRunAnswers(dir, survey, human, options.signal);
    const m: MethodInput = { name, kind: 'simulation', label: r?.model ? `${name} · ${r.model}` : name, runDir: path.relative(survey.path ? path.dirname(survey.path) : '.', dir), ...(r?.model ? { model: r.model } : {}), sample };
    simulations.push(m);
    methods.push(m);
  }
  const ensembles = options.ensembles ?? (simulations.length >= 2 ? [{ name: 'ensemble', members: simulations.map((s) => s.name) }] : []);
  for (const e of ensembles) {
    const members = e.members.map((n) => {
      const m = methods.find((x) => x.name === n);
      if (!m) throw new RangeError(`ensemble ${e.name}: no method "${n}" (methods: ${methods.map((x) => x.name).join(', ')})`);
      return m;
    });
    methods.push({ name: uniqueName(e.name, methods), kind: 'ensemble', label: `ensemble of ${e.members.join(', ')}${e.weights ? ` (weights ${e.weights.join(', ')})` : ''}`, sample: ensembleSample(survey, members, e.weights) });
  }
  const runDir = record ? path.resolve(target) : createRunFolder(runsFolder, newRunId(runsFolder, 'baselines', now));
  let lastBootstrapNote = performance.now();
  const measured = await analyzeSurvey(survey, human, methods, {
    ...(options.splits !== undefined ? { bounds: { splits: options.splits } } : {}),
    ...(options.bootstrap !== undefined ? { bootstrap: options.bootstrap } : {}),
    ...(options.threads !== undefined ? { threads: options.threads } : {}),
    bootstrapSeed: seed,
    specPath: path.relative(runDir, survey.path),
    ...(options.signal ? { signal: options.signal } : {}),
    onBootstrap: (done, total) => {
      if (performance.now() - lastBootstrapNote < 2000) return;
      lastBootstrapNote = performance.now();
      progress(`bootstrap ${done}/${total}`);
    },
    onProgress: (stage, done, total) => progress(stage === 'human' ? `human split-half bounds (${survey.metrics.bounds.rule}, ${options.splits ?? survey.metrics.bounds.splits} splits)` : `method ${done}/${total - 1}: ${stage}`),
    now,
  });
  // outcome studies (Li et al. 2025's election experiment) over the same simulation runs, one result per method
  const outcomeDirs = simulationDirs.filter((dir) => existsSync(path.join(dir, 'personas.jsonl')));
  const analysis: AnalysisReport = survey.outcomes.length > 0 && outcomeDirs.length > 0 ? { ...measured, outcomes: await runOutcomeStudies(survey, outcomeDirs, options.signal) } : measured;
  const files: string[] = [];
  const write = async (name: string, text: string): Promise<void> => {
    const file = path.join(runDir, name);
    await writeFileAtomic(file, text);
    files.push(file);
  };
  let runRecord: RunRecord;
  if (record) {
    const baselinesRun = record.kind === 'baselines';
    const summary = summaryOf(analysis, baselinesRun ? 'demographic-cell' : record.method);
    runRecord = { ...record, updatedAt: now.toISOString(), ...(baselinesRun ? { seeds: { ...record.seeds, 'demographic-cell': seed, bootstrap: seed } } : {}), ...(summary ? { summary } : {}) };
  } else {
    runRecord = {
      schema: 'persona-studio/run@1',
      id: path.basename(runDir),
      kind: 'baselines',
      method: 'baselines',
      status: 'done',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      surveySpec: { path: path.relative(runDir, survey.path), hash: survey.hash },
      ...(persona ? { personaSpec: { path: path.relative(runDir, persona.path), hash: persona.hash } } : {}),
      seeds: { 'demographic-cell': seed, bootstrap: seed, ...(survey.metrics.bounds.rule === 'seeded' ? { bounds: survey.metrics.bounds.seed } : {}) },
      stages: { baselines: { status: 'done', done: methods.filter((m) => m.kind === 'baseline').length, total: survey.baselines.length, failed: 0 }, analysis: { status: 'done', done: 1, total: 1, failed: 0 } },
      totals: { calls: 0, promptTokens: 0, completionTokens: 0, costUsd: 0 },
    };
    const summary = summaryOf(analysis, 'demographic-cell');
    if (summary) runRecord.summary = summary;
  }
  if (cellSample && (!record || record.kind === 'baselines')) {
    const ids = human.ids;
    await writeAnswersCsv(path.join(runDir, RUN_FILES.answers), {
      personaIds: ids.map((id) => `demographic-cell:${id}`),
      respondents: ids,
      questionIds: survey.questions.map((q) => q.id),
      codes: cellSample.matrix.data,
    });
    files.push(path.join(runDir, RUN_FILES.answers));
  }
  await write(RUN_FILES.analysis, `${JSON.stringify(analysis, null, 2)}\n`);
  await write('metrics.csv', formatMetricsCsv(analysis));
  const report = reportOf(runDir, runRecord, survey, persona, analysis, cellStats, now);
  await write(RUN_FILES.reportJson, `${JSON.stringify(report, null, 2)}\n`);
  await write(RUN_FILES.reportMarkdown, renderReportMarkdown(report));
  await writeRunRecord(runDir, runRecord);
  files.push(path.join(runDir, RUN_FILES.record));
  return { survey, analysis, runDir, files };
}

/**
 * `report`: rewrites `report.md` and `report.json` of a run folder from its run.json, its specs, its analysis.json
 * (when present) and the SHA-256 of its journal.
 */
export async function reportRun(runDir: string, now: Date = new Date()): Promise<{ report: RunReport; files: string[] }> {
  const record = checkedRunRecord(runDir);
  if (!record) throw new RangeError(`${runDir}: not a run folder (it has no ${RUN_FILES.record})`);
  const { spec: survey } = loadSurveySpec(path.resolve(runDir, record.surveySpec.path));
  const persona = record.personaSpec ? tryLoadPersona(path.resolve(runDir, record.personaSpec.path)) : undefined;
  let analysis: AnalysisReport | undefined;
  try {
    analysis = JSON.parse(readFileSync(path.join(runDir, RUN_FILES.analysis), 'utf8')) as AnalysisReport;
  } catch {
    analysis = undefined;
  }
  let baselines: Record<string, unknown> | undefined;
  try {
    baselines = (JSON.parse(readFileSync(path.join(runDir, RUN_FILES.reportJson), 'utf8')) as RunReport).baselines;
  } catch {
    baselines = undefined;
  }
  const report = reportOf(runDir, record, survey, persona, analysis, baselines as DemographicCellStats | undefined, now);
  const files = [path.join(runDir, RUN_FILES.reportJson), path.join(runDir, RUN_FILES.reportMarkdown)];
  await writeFileAtomic(files[0]!, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(files[1]!, renderReportMarkdown(report));
  return { report, files };
}

function reportOf(runDir: string, record: RunRecord, survey: SurveySpec, persona: PersonaSpec | undefined, analysis: AnalysisReport | undefined, baselines: DemographicCellStats | Record<string, unknown> | undefined, now: Date): RunReport {
  const journalFile = path.join(runDir, RUN_FILES.journal);
  const journal = existsSync(journalFile) ? { file: RUN_FILES.journal, ...hashFile(journalFile) } : undefined;
  const baselineInfo = baselines && 'fallbacks' in baselines
    ? { uniform: 'exact distribution: 1/K per code; independent answers (identity correlation matrix, alpha 0)', 'demographic-cell': baselines }
    : baselines;
  return buildRunReport({
    record,
    survey,
    ...(persona ? { persona, personaPath: path.relative(runDir, persona.path) } : {}),
    ...(analysis ? { analysis } : {}),
    ...(journal ? { journal } : {}),
    ...(baselineInfo ? { baselines: baselineInfo } : {}),
    surveyPath: path.relative(runDir, survey.path),
    now,
  });
}

function hashFile(file: string): { sha256: string; bytes: number } {
  const data = readFileSync(file);
  return { sha256: createHash('sha256').update(data).digest('hex'), bytes: data.length };
}

function tryLoadPersona(file: string): PersonaSpec | undefined {
  try {
    return loadPersonaSpec(file).spec;
  } catch {
    return undefined; // the report then names no persona spec; the survey's own validation reports the problem
  }
}

function uniqueName(name: string, taken: readonly MethodInput[]): string {
  if (!taken.some((m) => m.name === name)) return name;
  for (let i = 2; ; i++) if (!taken.some((m) => m.name === `${name}-${i}`)) return `${name}-${i}`;
}

function summaryOf(analysis: AnalysisReport, method: string): NonNullable<RunRecord['summary']> | undefined {
  const m = analysis.methods[method];
  return m ? { wd_mean: m.wd_mean, frobenius: m.frobenius, n: m.n } : undefined;
}

