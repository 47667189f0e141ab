import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { DataError, readTable } from '../../data';
import { parseDecimalText } from '../../data/parseDecimal';
import { readRunRecord, runFoldersWithAnswers, runsFolderOf } from '../../runs/runFolders';
import { loadSurveySpec } from '../../spec/loadSpecModel';
import type { OutcomeSpec, SurveySpec } from '../../specModel/surveySpec';
import { PipelineError } from '../shared/pipelineError';
import { outcomeStudy, type OutcomeAnswer, type OutcomeStudyReport, type OutcomeStudyResult } from './outcomeStudy';

export type { OutcomeStudyReport } from './outcomeStudy';

interface PersonaLine {
  readonly personaId: string;
  readonly answers: Readonly<Record<string, { readonly status: string; readonly code?: number }>>;
  readonly demographics?: Readonly<Record<string, string | null>>;
}

/** The real outcome table (`group`, `option`, `share`): group → option → share. */
export async function readOutcomeTable(spec: OutcomeSpec, signal?: AbortSignal): Promise<Map<string, Record<string, number>>> {
  try {
    const t = await readTable(spec.table, { source: spec.tableWritten, text: 'all', ...(signal ? { signal } : {}) });
    const col = (name: string): readonly string[] => {
      const c = t.text.get(name);
      if (!c) throw new PipelineError('input', `${spec.tableWritten}: no "${name}" column; an outcome table needs group, option and share`);
      return c;
    };
    const [groups, options, shares] = [col('group'), col('option'), col('share')];
    const real = new Map<string, Record<string, number>>();
    for (let r = 0; r < t.rows; r++) {
      const share = parseDecimalText(shares[r]!);
      if (!(share >= 0 && share <= 1)) throw new PipelineError('input', `${spec.tableWritten}: line ${t.lines[r]!}: share "${shares[r]!.slice(0, 20)}" is not a fraction in [0, 1]`);
      let g = real.get(groups[r]!);
      if (!g) real.set(groups[r]!, (g = {}));
      g[options[r]!] = share;
    }
    return real;
  } catch (err) {
    if (DataError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
}

/**
 * The survey's outcome studies over simulation run folders (one per persona method, e.g. the four ladder rungs):
 * each persona's answer to the study's question (its option, or invalid when refused, non-compliant or failed:
 * invalid answers stay in the denominator), grouped by the persona's `group` field from `personas.jsonl`, and
 * compared with the real table through `outcomeStudy` (Li et al. 2025; seeds-methods.md §2.4, §4 item 16).
 */
export async function runOutcomeStudies(survey: SurveySpec, runDirs: readonly string[], signal?: AbortSignal): Promise<OutcomeStudyReport[]> {
  const out: OutcomeStudyReport[] = [];
  for (const spec of survey.outcomes) {
    const q = survey.questions.find((x) => x.id === spec.question);
    if (!q) throw new PipelineError('config', `${survey.path}: outcome study question "${spec.question}" is not a question of the survey`);
    const real = await readOutcomeTable(spec, signal);
    const methods: Record<string, OutcomeStudyResult> = {};
    const ungrouped: Record<string, number> = {};
    for (const dir of runDirs) {
      const method = readRunRecord(dir)?.method ?? path.basename(dir);
      const lines = readFileSync(path.join(dir, 'personas.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as PersonaLine);
      const answers: OutcomeAnswer[] = [];
      let left = 0;
      for (const p of lines) {
        const group = p.demographics?.[spec.group];
        if (group === undefined || group === null) {
          left++;
          continue;
        }
        const a = p.answers[spec.question];
        const k = a?.status === 'answered' && a.code !== undefined ? q.codes.indexOf(a.code) : -1;
        answers.push({ group, choice: k >= 0 ? q.options[k] : undefined });
      }
      methods[method] = outcomeStudy({ options: q.options, answers, real, lean: spec.lean });
      ungrouped[method] = left;
    }
    out.push({ question: spec.question, group: spec.group, table: spec.tableWritten, lean: spec.lean, methods, ungrouped });
  }
  return out;
}

/**
 * Outcome studies of a survey spec without human data (e.g. an election survey asked of the persona ladder):
 * `target` is the survey spec or one of its run folders; the studies run over every simulation run folder of the
 * survey with personas. Undefined when the survey has human data (then `analyzeStudy` computes them with the rest)
 * or declares no outcome study.
 */
export async function outcomeStudiesWithoutHumans(target: string, signal?: AbortSignal): Promise<OutcomeStudyReport[] | undefined> {
  const isRunDir = existsSync(target) && statSync(target).isDirectory();
  const record = isRunDir ? readRunRecord(target) : undefined;
  if (isRunDir && !record) return undefined;
  const survey = loadSurveySpec(record ? path.resolve(target, record.surveySpec.path) : target).spec;
  if (survey.human || survey.outcomes.length === 0) return undefined;
  const dirs = (record ? [path.resolve(target)] : runFoldersWithAnswers(runsFolderOf(survey.path))).filter((d) => existsSync(path.join(d, 'personas.jsonl')));
  if (dirs.length === 0) throw new PipelineError('input', `${survey.path}: no simulation runs with personas to compare with the outcome table yet; run persona-studio simulate first`);
  return runOutcomeStudies(survey, dirs, signal);
}
