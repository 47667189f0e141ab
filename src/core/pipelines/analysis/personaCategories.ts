import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { DataError } from '../../data/index';
import { demographicCategory } from '../../specModel/demographicCategory';
import type { DemographicColumnSpec } from '../../specModel/surveySpec';
import type { HumanSample } from './humanSample';

/** The run-folder file `simulate` writes one line per persona to, with the persona's own `demographics`. */
export const PERSONAS_FILE = 'personas.jsonl';

/**
 * The category of a persona's own value of a demographic variable, in the human data's terms: the value itself when
 * it is one of the variable's categories (declared by `map`/`ranges`, or seen in the human data), else the category
 * whose `harmonise` list holds it (persona option → human category, as matching sums them), else the value read as
 * a human field would be (`map`, `ranges`: an imported persona's age 34 falls in the range "30-49"). `null` when the
 * value is missing or maps to nothing; a value with no rule is its own category (one the humans may not have).
 */
export function personaCategory(spec: DemographicColumnSpec, categories: ReadonlySet<string>, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const v = value.trim();
  if (v === '') return null;
  if (categories.has(v)) return v;
  for (const [category, options] of Object.entries(spec.harmonise ?? {})) if (options.includes(v)) return category;
  return spec.map || spec.ranges ? demographicCategory(spec, v) : v;
}

/** Every category of a variable: declared by its `map` or `ranges`, or held by a respondent. */
export function humanCategorySet(spec: DemographicColumnSpec, observed: readonly (string | null)[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const c of Object.values(spec.map ?? {})) if (c !== null) out.add(c);
  for (const r of spec.ranges ?? []) if (r.category !== null) out.add(r.category);
  for (const c of observed ?? []) if (c !== null) out.add(c);
  return out;
}

/**
 * Per human demographic variable, each answer row's category from the persona's own demographics (`personas.jsonl`:
 * a meta or ladder persona's census fields, an imported persona's mapped columns), for subgroup views of runs whose
 * personas are not paired with respondents. Variables no persona carries are left out (the caller says so).
 * `undefined` when the run folder has no personas.jsonl.
 * @throws DataError when a line is not JSON
 */
export async function readPersonaCategories(runDir: string, personaIds: readonly string[], demographics: readonly DemographicColumnSpec[], human: HumanSample, signal?: AbortSignal): Promise<ReadonlyMap<string, readonly (string | null)[]> | undefined> {
  const file = path.join(runDir, PERSONAS_FILE);
  if (!existsSync(file) || demographics.length === 0) return undefined;
  const own = new Map<string, Readonly<Record<string, unknown>>>();
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNo = 0;
  try {
    for await (const text of lines) {
      lineNo++;
      if (text.trim() === '') continue;
      if (lineNo % 10_000 === 0) signal?.throwIfAborted();
      let rec: { personaId?: unknown; demographics?: unknown };
      try {
        rec = JSON.parse(text) as typeof rec;
      } catch {
        throw new DataError('parse', `${file}: line ${lineNo}: not valid JSON`, file, lineNo);
      }
      if (typeof rec.personaId === 'string' && rec.demographics && typeof rec.demographics === 'object') own.set(rec.personaId, rec.demographics as Record<string, unknown>);
    }
  } finally {
    lines.close();
  }
  const out = new Map<string, (string | null)[]>();
  for (const spec of demographics) {
    const name = spec.name;
    if (![...own.values()].some((d) => typeof d[name] === 'string')) continue;
    const categories = humanCategorySet(spec, human.demographics.get(name));
    out.set(name, personaIds.map((id) => {
      const v = own.get(id)?.[name];
      return personaCategory(spec, categories, typeof v === 'string' ? v : null);
    }));
  }
  return out;
}
