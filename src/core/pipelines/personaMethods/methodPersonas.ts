import type { Table } from '../../data';
import type { PlannedRequest } from '../../llm/plannedRequest';
import type { PersonaSpec } from '../../specModel/personaSpec';
import type { MetaPersona } from '../ladder/sampleMetaPersonas';
import type { MatchingStageConfig } from '../matching/matchingConfig';
import type { ModelSettings } from '../shared/modelSettings';
import { PipelineError } from '../shared/pipelineError';
import { seedOf } from '../shared/seedOf';
import type { StageContext } from '../shared/stageContext';
import { DEFAULT_PROFILE_ITEM, DEFAULT_PROFILE_LINE, DEFAULT_PROFILE_PREAMBLES, DEFAULT_PROFILE_SEPARATORS } from '../profiles/profileText';
import { primedRespondents } from '../study/primedStudy';
import { censusMetaPersonas } from './censusPersonas';
import { importedPersonas } from './importedPersonas';
import { ladderPersonas } from './ladderPersonas';
import { unmatchedPersona, type DirectMethod, type MethodPersonaRecord, type MethodPersonas } from './methodPersona';
import { metaPersonaText } from './metaPersonaText';

/** What a direct method needs besides the persona spec. */
export interface MethodPersonaInputs {
  readonly persona: PersonaSpec;
  readonly method: DirectMethod;
  readonly seed: number;
  /** Meta personas wanted instead of `census.count` (small runs). */
  readonly count?: number;
  /** bio / qa / portray: the survey's matching settings and its human respondents. */
  readonly matching?: MatchingStageConfig;
  readonly humans?: Table;
  /** Ladder layers: the generator model (the persona spec's `model`). */
  readonly model?: ModelSettings;
  /** Ladder layers: called with every generation request before any is sent (estimate, confirmation). */
  readonly beforeSend?: (plan: readonly PlannedRequest[]) => Promise<void>;
}

/**
 * The personas the simulation asks, from the records of a direct method (freshly made, or read back from the
 * personas file `generate` wrote): failed records are left out and counted; bio/qa/portray personas stand for their
 * respondent (`humanId`, its categories), the others carry their own demographics (census fields, mapped columns).
 */
export function personasOfRecords(records: MethodPersonaRecord[]): MethodPersonas {
  const ok = records.filter((r) => r.text !== null);
  const personas = ok.map((r) => (r.humanId !== undefined ? { personaId: r.id, backstoryId: r.id, humanId: r.humanId, demographics: r.given ?? {}, block: '', text: r.text! } : unmatchedPersona(r, r.meta ?? r.given ?? {})));
  return { personas, records, failed: records.length - ok.length };
}

/**
 * The personas of a persona spec whose method writes no backstories, as the simulation asks them:
 * - `bio` / `qa` / `portray`: one per human respondent, the respondent's own demographics written with
 *   `profileText` in the spec's profile style (the respondent is the persona's human: matched by construction);
 * - `meta`: census-sampled meta personas as `topic: value` lines (no LLM);
 * - `objective-tabular` / `subjective-tabular` / `descriptive`: one LLM-written persona per meta persona;
 * - `import`: the spec's persona set through its column mapping.
 * Meta, ladder and imported personas are simulated as they are (no matching, `matching: none` semantics).
 */
export async function methodPersonas(i: MethodPersonaInputs, ctx: Omit<StageContext, 'llm'> & { readonly llm?: StageContext['llm'] }): Promise<MethodPersonas> {
  const { persona, method } = i;
  if (method === 'bio' || method === 'qa' || method === 'portray') {
    if (!i.matching || !i.humans) throw new PipelineError('config', `${persona.path}: ${method} personas are written from the survey's human respondents; set human.data and human.demographics in the survey spec`);
    const spec: PersonaSpec = { ...persona, profile: persona.profile ?? { style: method, preamble: DEFAULT_PROFILE_PREAMBLES[method], item: DEFAULT_PROFILE_ITEM, line: DEFAULT_PROFILE_LINE, separator: DEFAULT_PROFILE_SEPARATORS[method], shuffle: true } };
    const respondents = primedRespondents(spec, i.matching, i.humans, i.seed);
    // `given`: the respondent's known categories, so the personas file alone says what each persona stands for
    return personasOfRecords(respondents.map((r) => ({ id: `h:${r.humanId}`, method, seed: seedOf(i.seed, 'primed', r.humanId), humanId: r.humanId, given: r.given ?? {}, text: r.block })));
  }
  if (method === 'import') {
    if (!persona.import) throw new PipelineError('config', `${persona.path}: method import needs an import block (file, text column)`);
    return personasOfRecords(await importedPersonas(persona.import, ctx.signal));
  }
  if (!persona.census) throw new PipelineError('config', `${persona.path}: method ${method} samples meta personas from census tables; add a census block`);
  const metas: MetaPersona[] = await censusMetaPersonas(persona.census, i.seed, i.count ?? persona.census.count ?? 100, ctx.signal);
  if (method === 'meta') {
    return personasOfRecords(metas.map((m): MethodPersonaRecord => ({ id: `meta-${String(m.index).padStart(6, '0')}`, method, seed: m.seed, region: m.region, meta: m.fields, text: metaPersonaText(m) })));
  }
  if (!persona.generation) throw new PipelineError('config', `${persona.path}: method ${method} needs a generation block (the prompt that turns a meta persona into a persona)`);
  if (!i.model) throw new PipelineError('config', `${persona.path}: no generator model; set model.name in the persona spec or pass --model`);
  const llm = ctx.llm;
  if (!llm) throw new PipelineError('config', `${persona.path}: method ${method} writes its personas with a model, but no endpoint was given`);
  return personasOfRecords(await ladderPersonas(method, metas, persona.generation, i.model, { ...ctx, llm }, i.beforeSend));
}
