import type { Table } from '../../data';
import { matchPersonas, type PersonaAnswerCounts } from '../../matching/matchPersonas';
import { createRandom } from '../../stats/createRandom';
import { StatsError } from '../../stats/StatsError';
import type { BackstoryRecord, DemographicRecord } from '../backstories/backstoryRecord';
import { PipelineError } from '../shared/pipelineError';
import { seedOf } from '../shared/seedOf';
import { appendDemographics, type AppendedTrait } from './appendDemographics';
import { humanVariable, type HumanVariable } from './humanCategories';
import type { MatchingStageConfig } from './matchingConfig';

/** One persona of a simulation: a backstory, and (when matched) the respondent it stands for. */
export interface MatchedPersona {
  /** `persona_id` in answers.csv: `<backstory id>:<respondent id>` when matched (unique even when greedy reuses a backstory), else the backstory id. */
  readonly personaId: string;
  readonly backstoryId: string;
  readonly humanId?: string;
  /** The respondent's category per matched variable (`null`: missing or refused, not appended). */
  readonly demographics: Readonly<Record<string, string | null>>;
  /** The appended block (empty for `append: none`). */
  readonly block: string;
  /** The persona text the survey is conditioned on: the backstory passage, a blank line, the block. */
  readonly text: string;
}

export interface MatchingSummary {
  readonly method: string;
  readonly humans: number;
  readonly backstories: number;
  /** Backstories the review sidecar excludes. */
  readonly excluded: number;
  /** Backstories without a demographic record (not matchable). */
  readonly unsurveyed: number;
  /** Distinct backstories used (greedy may reuse one). */
  readonly distinctUsed: number;
}

/**
 * The matching stage (Anthology §1.5): personas' demographic counts (refused and non-compliant dropped,
 * renormalised, uniform when empty, harmonised into the survey's bins) matched to the survey's respondents with
 * greedy, maximum-weight or random matching (src/core/matching); excluded backstories (the review sidecar) never
 * take part. Each respondent's true demographics are appended to its persona in the spec's format, in a shuffled
 * order seeded per respondent, refused traits skipped.
 */
export function matchBackstories(
  config: MatchingStageConfig,
  backstories: readonly BackstoryRecord[],
  demographics: readonly DemographicRecord[],
  excluded: ReadonlySet<string>,
  humans: Table | undefined,
): { personas: MatchedPersona[]; summary: MatchingSummary } {
  const surveyed = new Map(demographics.map((d) => [d.id, d]));
  const pool = backstories.filter((b) => !excluded.has(b.id));
  const base = (b: BackstoryRecord): string => b.passage ?? b.text;
  if (config.method === 'none') {
    const personas = pool.map((b) => ({ personaId: b.id, backstoryId: b.id, demographics: {}, block: '', text: base(b) }));
    return { personas, summary: { method: 'none', humans: 0, backstories: backstories.length, excluded: backstories.length - pool.length, unsurveyed: 0, distinctUsed: personas.length } };
  }
  if (!humans) throw new PipelineError('config', 'matching needs the survey\'s human data (`human.data`)');
  const candidates = pool.filter((b) => surveyed.has(b.id));
  if (candidates.length === 0) throw new PipelineError('input', 'no backstory has a demographic survey to match on; run `persona-studio generate` first');
  const vars: HumanVariable[] = config.variables.map((name) => {
    const h = config.humanDemographics[name];
    const p = config.personaVariables.find((v) => v.name === name);
    if (!h) throw new PipelineError('config', `matching variable "${name}" is not under human.demographics in the survey spec`);
    if (!p) throw new PipelineError('config', `matching variable "${name}" is not a demographic variable of the persona spec`);
    return humanVariable(h, humans, p);
  });
  const personaCounts: PersonaAnswerCounts[] = vars.map((v) => {
    const p = config.personaVariables.find((x) => x.name === v.name)!;
    const valid = p.options.map((o, i) => (o === p.refused ? -1 : i)).filter((i) => i >= 0);
    const refusedAt = p.refused === undefined ? -1 : p.options.indexOf(p.refused);
    const nBuckets = valid.length + 2;
    const counts = new Float64Array(candidates.length * nBuckets);
    candidates.forEach((b, row) => {
      const c = surveyed.get(b.id)!.variables[v.name]?.counts;
      if (!c) return; // no estimate: all zero → uniform after cleaning
      valid.forEach((o, j) => (counts[row * nBuckets + j] = c[o] ?? 0));
      counts[row * nBuckets + valid.length] = refusedAt >= 0 ? (c[refusedAt] ?? 0) : 0;
      counts[row * nBuckets + valid.length + 1] = c[c.length - 1] ?? 0;
    });
    return { nBuckets, counts, mapping: valid.map((o) => v.optionToCategory[o]!), nCategories: v.categories.length };
  });
  const idColumn = config.humanId === undefined ? undefined : humans.text.get(config.humanId);
  if (config.humanId !== undefined && !idColumn) throw new PipelineError('input', `${humans.source}: no id column "${config.humanId}"`);
  let assignment: Int32Array;
  try {
    assignment = matchPersonas(vars.map((v) => v.values), personaCounts, { method: config.method === 'max-weight' ? 'maxWeight' : config.method, dropTrailing: 2, seed: config.seed });
  } catch (err) {
    if (StatsError.is(err) && err.reason === 'tooFewPersonas') {
      throw new PipelineError('config', `${config.method} matching is one-to-one: it needs at least as many backstories (${candidates.length}) as respondents (${humans.rows}); generate more backstories (--count) or use greedy matching`);
    }
    throw err;
  }
  const personas: MatchedPersona[] = [];
  for (let h = 0; h < humans.rows; h++) {
    const b = candidates[assignment[h]!]!;
    const humanId = idColumn ? idColumn[h]! : String(h + 1);
    const traits: AppendedTrait[] = [];
    const demo: Record<string, string | null> = {};
    for (const v of vars) {
      const c = v.values[h]!;
      demo[v.name] = c < 0 ? null : v.categories[c]!;
      if (c >= 0) traits.push({ variable: config.personaVariables.find((x) => x.name === v.name)!, categories: v.categories, category: v.categories[c]! });
    }
    const block = appendDemographics(traits, config.append, createRandom(seedOf(config.seed, 'append', humanId)));
    personas.push({ personaId: `${b.id}:${humanId}`, backstoryId: b.id, humanId, demographics: demo, block, text: block === '' ? base(b) : `${base(b)}\n\n${block}` });
  }
  return {
    personas,
    summary: { method: config.method, humans: humans.rows, backstories: backstories.length, excluded: backstories.length - pool.length, unsurveyed: pool.length - candidates.length, distinctUsed: new Set(personas.map((p) => p.backstoryId)).size },
  };
}
