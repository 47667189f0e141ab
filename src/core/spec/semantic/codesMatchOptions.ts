import { clipText } from '../clipText';
import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { diag, questionsOf } from './specShape';

/** `semantic/codes-mismatch`: one code per option, and all codes different. */
export function checkCodesMatchOptions(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  for (const q of questionsOf(ctx)) {
    if (!q.codes) continue;
    const label = q.id === undefined ? `Question ${q.index + 1}` : `Question "${clipText(q.id)}"`;
    if (q.options && q.codes.length !== q.options.length) {
      out.push(
        diag(ctx, ['questions', q.index, 'codes'], 'value', 'error', 'semantic/codes-mismatch',
          `${label} has ${q.options.length} option${q.options.length === 1 ? '' : 's'} but ${q.codes.length} code${q.codes.length === 1 ? '' : 's'}. Give exactly one code per option, in the same order as \`options\` (or drop \`codes\` to use 1..${q.options.length}).`),
      );
    }
    const seen = new Map<unknown, number>();
    q.codes.forEach((c, k) => {
      if (typeof c !== 'number') return;
      const first = seen.get(c);
      if (first === undefined) {
        seen.set(c, k);
        return;
      }
      out.push(
        diag(ctx, ['questions', q.index, 'codes', k], 'value', 'error', 'semantic/codes-mismatch',
          `${label}: code ${c} is used twice (positions ${first + 1} and ${k + 1}), so two options could not be told apart in the data. Give each option its own code.`),
      );
    });
  }
  return out;
}
