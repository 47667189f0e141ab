import type { Table } from '../../data';
import { demographicCategory } from '../../specModel/demographicCategory';
import type { DemographicColumnSpec } from '../../specModel/surveySpec';
import type { DemographicVariableSettings } from '../demographicSurvey/demographicConfig';
import { PipelineError } from '../shared/pipelineError';

/** One variable as the human survey codes it: its categories and each respondent's category (−1 = missing). */
export interface HumanVariable {
  readonly name: string;
  readonly categories: readonly string[];
  readonly values: Int32Array;
  /** Persona option index → survey category index (−1: not a survey category, e.g. the refused option). */
  readonly optionToCategory: readonly number[];
}

/**
 * The survey's categories of one variable (declared by `map` or `ranges`, else the persona's options without the
 * refused one) and every respondent's category (src/core/specModel `demographicCategory`, the rule the spec checks
 * use). Harmonisation (§1.5): each persona option maps to the survey category whose `harmonise` list names it, or
 * to the category of the same name.
 */
export function humanVariable(settings: DemographicColumnSpec, table: Table, persona: DemographicVariableSettings): HumanVariable {
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
  const column = table.text.get(settings.column);
  if (!column) throw new PipelineError('input', `${table.source}: no column "${settings.column}" (human.demographics.${settings.name})`);
  const values = new Int32Array(table.rows);
  for (let r = 0; r < table.rows; r++) {
    const category = demographicCategory(settings, column[r] ?? '');
    values[r] = category === null ? -1 : (index.get(category) ?? -1);
  }
  const optionToCategory = persona.options.map((o) => {
    if (o === persona.refused) return -1;
    for (const [category, fine] of Object.entries(settings.harmonise ?? {})) if (fine.includes(o)) return index.get(category) ?? -1;
    return index.get(o) ?? -1;
  });
  if (!optionToCategory.some((c) => c >= 0)) {
    throw new PipelineError('config', `demographic "${settings.name}": none of the persona options matches a survey category (${declared.join(', ')}); add a harmonise map`);
  }
  return { name: settings.name, categories: declared, values, optionToCategory };
}
