import type { SpecDiagnostic } from '../specDiagnostic';
import { clipText } from '../clipText';
import type { SemanticContext } from './semanticContext';
import { diag, questionsOf } from './specShape';

/** `semantic/duplicate-id`: every question id appears once. Flags each repeat, naming the first. */
export function checkDuplicateIds(ctx: SemanticContext): SpecDiagnostic[] {
  const out: SpecDiagnostic[] = [];
  const first = new Map<string, number>();
  for (const q of questionsOf(ctx)) {
    if (q.id === undefined) continue;
    const firstIndex = first.get(q.id);
    if (firstIndex === undefined) {
      first.set(q.id, q.index);
      continue;
    }
    const line = ctx.rangeOf(['questions', firstIndex, 'id']).start.line + 1;
    out.push(
      diag(ctx, ['questions', q.index, 'id'], 'value', 'error', 'semantic/duplicate-id',
        `Question id "${clipText(q.id)}" is already used by question ${firstIndex + 1} (line ${line}). Ids must be unique because scales, results and the human-data column refer to them: rename one of the two.`),
    );
  }
  return out;
}
