/**
 * The variables each prompt template may use, by template path (`[]` = every list item, `*` = every
 * mapping entry). The diagnostic checks, the schema-description test and the renderers all read this
 * one table. A variable with sub-fields (`{{demographics.<variable>}}`) is listed by its root name.
 */
export const TEMPLATE_VARIABLES = {
  survey: {
    'simulation.template': ['backstory', 'demographics', 'history', 'consistency', 'question', 'options', 'labels', 'id'],
    'questions[].template': ['backstory', 'demographics', 'history', 'consistency', 'question', 'options', 'labels', 'id'],
    'simulation.system': ['backstory', 'demographics'],
    'simulation.consistency': [],
  },
  persona: {
    'backstories.system': [],
    'backstories.preamble.prompt': [],
    'backstories.prompt': ['demographics'],
    'demographics.template': ['backstory', 'question', 'options', 'labels', 'variable'],
    'demographics.variables.*.sentence': ['value'],
    'profile.preamble': [],
    'profile.item': ['variable', 'question', 'options', 'labels', 'answer', 'value'],
    'profile.line': ['variable', 'topic', 'question', 'value'],
    'generation.system': [],
    'generation.prompt': ['meta', 'template', 'index'],
  },
} as const;

/** Variables whose sub-fields `{{name.field}}` are allowed (the fields are the declared demographic variables). */
export const VARIABLES_WITH_FIELDS = ['demographics'] as const;

/**
 * The variables one template may use. A name maps to the sub-fields `{{name.field}}` it offers:
 * `false` for none, a set when they are known, `'any'` when they cannot be checked.
 */
export type AllowedVariables = ReadonlyMap<string, false | ReadonlySet<string> | 'any'>;

/** `names` as allowed variables, with the sub-fields of those in `withFields`. */
export function allowedVariables(names: readonly string[], withFields: Readonly<Record<string, ReadonlySet<string> | 'any'>> = {}): AllowedVariables {
  const m = new Map<string, false | ReadonlySet<string> | 'any'>();
  for (const n of names) m.set(n, withFields[n] ?? false);
  return m;
}
