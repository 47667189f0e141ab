import type { Table } from '../../data';
import { createRandom } from '../../stats/createRandom';
import type { PersonaSpec } from '../../specModel/personaSpec';
import type { BackstoryRecord } from '../backstories/backstoryRecord';
import type { PrimedDemographics } from '../backstories/backstoryConfig';
import { appendDemographics, type AppendedTrait } from '../matching/appendDemographics';
import { humanVariable } from '../matching/humanCategories';
import type { MatchedPersona } from '../matching/matchBackstories';
import type { MatchingStageConfig } from '../matching/matchingConfig';
import { profileText } from '../profiles/profileText';
import { PipelineError } from '../shared/pipelineError';
import { seedOf } from '../shared/seedOf';

/** One respondent of a demographics-primed study: the block the generator sees, and the traits appended later. */
export interface PrimedRespondent extends PrimedDemographics {
  readonly humanId: string;
  readonly traits: readonly AppendedTrait[];
  readonly demographics: Readonly<Record<string, string | null>>;
}

/**
 * Demographics-primed backstories (Anthology §1.3): per human respondent, the respondent's demographics written in
 * the persona spec's profile style (QA by default) with the survey's own answer lists, variable order shuffled per
 * respondent (seeded), refused and missing traits skipped. The same traits are appended again before the survey.
 */
export function primedRespondents(persona: PersonaSpec, matching: MatchingStageConfig, humans: Table, seed: number): PrimedRespondent[] {
  const vars = matching.variables.map((name) => {
    const h = matching.humanDemographics[name];
    const p = matching.personaVariables.find((v) => v.name === name);
    if (!h || !p) throw new PipelineError('config', `demographics-primed: variable "${name}" must be under human.demographics and in the persona spec`);
    return { persona: p, human: humanVariable(h, humans, p) };
  });
  const ids = matching.humanId === undefined ? undefined : humans.text.get(matching.humanId);
  const style = persona.profile ?? { style: 'qa' as const };
  const out: PrimedRespondent[] = [];
  for (let r = 0; r < humans.rows; r++) {
    const humanId = ids ? ids[r]! : String(r + 1);
    const values: Record<string, string | undefined> = {};
    const demographics: Record<string, string | null> = {};
    const traits: AppendedTrait[] = [];
    for (const v of vars) {
      const c = v.human.values[r]!;
      const category = c < 0 ? undefined : v.human.categories[c]!;
      values[v.persona.name] = category;
      demographics[v.persona.name] = category ?? null;
      if (category !== undefined) traits.push({ variable: v.persona, categories: v.human.categories, category });
    }
    const block = profileText(
      values,
      vars.map((v) => ({ name: v.persona.name, question: v.persona.question, options: v.human.categories, ...(v.persona.sentence ? { sentence: v.persona.sentence } : {}), ...(v.persona.topic ? { topic: v.persona.topic } : {}) })),
      style,
      createRandom(seedOf(seed, 'primed', humanId)),
    );
    out.push({ humanId, block, given: Object.fromEntries(traits.map((t) => [t.variable.name, t.category])), traits, demographics });
  }
  return out;
}

/** Respondent r's persona is the backstory written for r (slot r), with r's traits appended in the survey's format. */
export function primedPersonas(respondents: readonly PrimedRespondent[], backstories: readonly BackstoryRecord[], matching: MatchingStageConfig, excluded: ReadonlySet<string>): MatchedPersona[] {
  const bySlot = new Map(backstories.map((b) => [b.id, b]));
  const personas: MatchedPersona[] = [];
  respondents.forEach((r, slot) => {
    const b = bySlot.get(`b${String(slot).padStart(6, '0')}`);
    if (!b || excluded.has(b.id)) return;
    const block = appendDemographics(r.traits, matching.append, createRandom(seedOf(matching.seed, 'append', r.humanId)));
    const base = b.passage ?? b.text;
    personas.push({ personaId: `${b.id}:${r.humanId}`, backstoryId: b.id, humanId: r.humanId, demographics: r.demographics, block, text: block === '' ? base : `${base}\n\n${block}` });
  });
  return personas;
}
