import { columnIndex, type DataTable } from '../../data';
import type { DemographicVariableSettings } from '../demographicSurvey/demographicConfig';
import { PipelineError } from '../shared/pipelineError';
import type { HumanDemographicSettings } from './matchingConfig';

/** One variable as the human survey codes it: its categories and each respondent's category (−1 = missing). */
export interface HumanVariable {
  readonly name: string;
  readonly categories: readonly string[];
  readonly values: Int32Array;
  /** Persona option index → survey category index (−1: not a survey category, e.g. the refused option). */
  readonly optionToCategory: readonly number[];
}

/**
 * The survey's categories of one variable and every respondent's category: through `map`, `ranges`, or the raw
 * value when it is a category already (the persona's options, refused excluded). Harmonisation (§1.5): each
 * persona option maps to the survey category whose `harmonise` list names it, or to the category of the same name.
 */
export function humanVariable(name: string, table: DataTable, settings: HumanDemographicSettings, persona: DemographicVariableSettings, missing: ReadonlySet<string>): HumanVariable {
  const seen = new Set<string>();
  const declared: string[] = [];
  const add = (c: string | null): void => {
    if (c !== null && !seen.has(c)) {
      seen.add(c);
      declared.push(c);
    }
  };
  if (settings.map) Object.values(settings.map).forEach(add);
  else if (settings.ranges) settings.ranges.forEach((r) => add(r.category));
  else persona.options.filter((o) => o !== persona.refused).forEach(add);
  const index = new Map(declared.map((c, i) => [c, i]));
  const column = table.columns[columnIndex(table, settings.column)]!;
  const own = new Set(settings.missing ?? []);
  const values = new Int32Array(table.nRows);
  for (let r = 0; r < table.nRows; r++) {
    const raw = column[r]!.trim();
    let category: string | null | undefined = raw;
    if (raw === '' || missing.has(raw) || own.has(raw)) category = null;
    else if (settings.map) category = settings.map[raw] ?? null;
    else if (settings.ranges) {
      const x = Number(raw);
      category = settings.ranges.find((g) => x >= g.min && x <= g.max)?.category ?? null;
    }
    values[r] = category === null ? -1 : (index.get(category) ?? -1);
  }
  const optionToCategory = persona.options.map((o) => {
    if (o === persona.refused) return -1;
    for (const [category, fine] of Object.entries(settings.harmonise ?? {})) if (fine.includes(o)) return index.get(category) ?? -1;
    return index.get(o) ?? -1;
  });
  if (!optionToCategory.some((c) => c >= 0)) {
    throw new PipelineError('config', `demographic "${name}": none of the persona options matches a survey category (${declared.join(', ')}); add a harmonise map`);
  }
  return { name, categories: declared, values, optionToCategory };
}
