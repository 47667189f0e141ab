import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { at, entriesOf, isRecord } from './specShape';
import { allowedVariables as vars, TEMPLATE_VARIABLES } from '../../specModel/templates/templateVariables';
import { checkTemplateAt } from './templateVariables';

/**
 * `semantic/unknown-variable` in a persona spec: each prompt template may use only its own variables
 * (see `TEMPLATE_VARIABLES.persona`). `{{demographics}}` in `backstories.prompt` exists only for
 * method `demographics-primed`; `{{demographics.<variable>}}` must name a declared variable.
 */
export function checkPersonaTemplateVariables(ctx: SemanticContext): SpecDiagnostic[] {
  const t = TEMPLATE_VARIABLES.persona;
  const declared = at(ctx.spec.value, ['demographics', 'variables']);
  const names = isRecord(declared) ? new Set(Object.keys(declared)) : new Set<string>();
  const primed = at(ctx.spec.value, ['method']) === 'demographics-primed';
  const out = [
    ...checkTemplateAt(ctx, ['backstories', 'system'], vars(t['backstories.system']), '`backstories.system`'),
    ...checkTemplateAt(ctx, ['backstories', 'preamble', 'prompt'], vars(t['backstories.preamble.prompt']), '`backstories.preamble.prompt`'),
    ...checkTemplateAt(ctx, ['backstories', 'prompt'], vars(primed ? t['backstories.prompt'] : [], { demographics: names }),
      primed ? '`backstories.prompt`' : '`backstories.prompt` (`{{demographics}}` exists only with `method: demographics-primed`)'),
    ...checkTemplateAt(ctx, ['demographics', 'template'], vars(t['demographics.template']), '`demographics.template`'),
    ...checkTemplateAt(ctx, ['profile', 'preamble'], vars(t['profile.preamble']), '`profile.preamble`'),
    ...checkTemplateAt(ctx, ['profile', 'item'], vars(t['profile.item']), '`profile.item`'),
    ...checkTemplateAt(ctx, ['profile', 'line'], vars(t['profile.line']), '`profile.line`'),
    ...checkTemplateAt(ctx, ['generation', 'system'], vars(t['generation.system']), '`generation.system`'),
    ...checkTemplateAt(ctx, ['generation', 'prompt'], vars(t['generation.prompt']), '`generation.prompt`'),
  ];
  for (const [name] of entriesOf(declared)) {
    out.push(...checkTemplateAt(ctx, ['demographics', 'variables', name, 'sentence'], vars(t['demographics.variables.*.sentence']), `the sentence of variable "${name}"`));
  }
  return out;
}
