import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { at, isRecord, questionsOf } from './specShape';
import { allowedVariables as vars, TEMPLATE_VARIABLES } from '../../specModel/templates/templateVariables';
import { checkTemplateAt } from './templateVariables';

/**
 * `semantic/unknown-variable` in a survey spec: `{{name}}` placeholders in `simulation.template`,
 * `simulation.system`, `simulation.consistency` and each question's `template` must be ones that
 * template offers. `{{demographics.<variable>}}` must name a `human.demographics` variable.
 */
export function checkSurveyTemplateVariables(ctx: SemanticContext): SpecDiagnostic[] {
  const demographics = at(ctx.spec.value, ['human', 'demographics']);
  const fields = { demographics: isRecord(demographics) ? new Set(Object.keys(demographics)) : new Set<string>() };
  const t = TEMPLATE_VARIABLES.survey;
  const out = [
    ...checkTemplateAt(ctx, ['simulation', 'template'], vars(t['simulation.template'], fields), '`simulation.template`'),
    ...checkTemplateAt(ctx, ['simulation', 'system'], vars(t['simulation.system'], fields), '`simulation.system`'),
    ...checkTemplateAt(ctx, ['simulation', 'consistency'], vars(t['simulation.consistency']), '`simulation.consistency`'),
  ];
  for (const q of questionsOf(ctx)) {
    out.push(...checkTemplateAt(ctx, ['questions', q.index, 'template'], vars(t['questions[].template'], fields), `the template of question ${q.id ?? q.index + 1}`));
  }
  return out;
}
