import { didYouMean } from '../didYouMean';
import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { personaDemographicsOf } from './personaOfSurvey';
import { at, diag, entriesOf, isRecord, quote, str } from './specShape';

/**
 * `semantic/unknown-demographic`: `matching.variables` and `metrics.subgroups` name variables of
 * `human.demographics`; matching variables are also surveyed by the persona spec.
 * `semantic/unknown-category`: for each matching variable, the human categories (`map` values,
 * `ranges` categories) are options of the persona variable or keys of `harmonise`, and `harmonise`
 * lists persona options, so probabilities can be looked up.
 */
export function checkSurveyDemographics(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const humanDemo = at(ctx.spec.value, ['human', 'demographics']);
  const humanVars = new Set(entriesOf(humanDemo).map(([k]) => k));
  const persona = personaDemographicsOf(ctx);

  const subgroups = at(ctx.spec.value, ['metrics', 'subgroups']);
  if (Array.isArray(subgroups)) {
    subgroups.forEach((v: unknown, i) => {
      if (typeof v !== 'string' || humanVars.has(v)) return;
      const guess = didYouMean(v, humanVars);
      out.push(diag(ctx, ['metrics', 'subgroups', i], 'value', 'error', 'semantic/unknown-demographic',
        `Subgroup "${v}" is not a variable of \`human.demographics\`. ${guess ? `Did you mean "${guess}"? ` : ''}Declare it there (with its column) or remove it.`));
    });
  }

  const matching = at(ctx.spec.value, ['matching']);
  const method = typeof matching === 'string' ? matching : isRecord(matching) ? str(matching['method']) : undefined;
  if (method === 'none') return out;
  const declared = isRecord(matching) ? matching['variables'] : undefined;
  let matched: string[];
  if (Array.isArray(declared)) {
    matched = [];
    declared.forEach((v: unknown, i) => {
      if (typeof v !== 'string') return;
      if (!humanVars.has(v)) {
        const guess = didYouMean(v, humanVars);
        out.push(diag(ctx, ['matching', 'variables', i], 'value', 'error', 'semantic/unknown-demographic',
          `Matching variable "${v}" is not in \`human.demographics\`. ${guess ? `Did you mean "${guess}"? ` : ''}Declare which column holds it there, or remove it from \`variables\`.`));
        return;
      }
      if (persona && !persona.variables.has(v)) {
        const guess = didYouMean(v, persona.variables.keys());
        out.push(diag(ctx, ['matching', 'variables', i], 'value', 'error', 'semantic/unknown-demographic',
          `Matching variable "${v}" is not surveyed by the persona spec (${persona.path}), so personas have no distribution for it. ${guess ? `Did you mean "${guess}"? ` : ''}Add it to that spec's \`demographics.variables\`, or remove it here.`));
        return;
      }
      matched.push(v);
    });
  } else {
    matched = persona ? [...humanVars].filter((v) => persona.variables.has(v)) : [];
  }
  if (!persona) return out;

  for (const variable of matched) {
    const spec = isRecord(humanDemo) ? humanDemo[variable] : undefined;
    if (!isRecord(spec)) continue;
    const options = persona.variables.get(variable) ?? [];
    const optionSet = new Set(options);
    const harmonise = isRecord(spec['harmonise']) ? spec['harmonise'] : {};
    const known = new Set([...options, ...Object.keys(harmonise)]);
    const optionList = options.map(quote).join(', ');
    const unknownCategory = (category: string, p: (string | number)[]): void => {
      if (known.has(category)) return;
      const guess = didYouMean(category, known);
      out.push(diag(ctx, p, 'value', 'error', 'semantic/unknown-category',
        `Category ${quote(category)} of "${variable}" is not an option of the persona variable (${optionList})${Object.keys(harmonise).length ? ' nor a key of `harmonise`' : ''}. ${guess ? `Did you mean ${quote(guess)}? ` : ''}Use one of those options, or add ${quote(category)} to \`harmonise\` with the persona options it stands for.`));
    };
    for (const [raw, category] of entriesOf(spec['map'])) {
      if (typeof category === 'string') unknownCategory(category, ['human', 'demographics', variable, 'map', raw]);
    }
    if (Array.isArray(spec['ranges'])) {
      spec['ranges'].forEach((r: unknown, i) => {
        if (isRecord(r) && typeof r['category'] === 'string') unknownCategory(r['category'], ['human', 'demographics', variable, 'ranges', i, 'category']);
      });
    }
    for (const [category, list] of entriesOf(harmonise)) {
      if (!Array.isArray(list)) continue;
      list.forEach((o: unknown, i) => {
        if (typeof o !== 'string' || optionSet.has(o)) return;
        const guess = didYouMean(o, optionSet);
        out.push(diag(ctx, ['human', 'demographics', variable, 'harmonise', category, i], 'value', 'error', 'semantic/unknown-category',
          `${quote(o)} is not an option of the persona variable "${variable}" (${optionList}). ${guess ? `Did you mean ${quote(guess)}? ` : ''}\`harmonise\` lists the persona options whose probabilities are summed into ${quote(category)}.`));
      });
    }
  }
  return out;
}
