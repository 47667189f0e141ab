import { didYouMean } from '../didYouMean';
import { clipText } from '../clipText';
import type { SpecDiagnostic } from '../specDiagnostic';
import type { SemanticContext } from './semanticContext';
import { at, diag, entriesOf, isRecord, questionsOf } from './specShape';

/**
 * `semantic/unknown-question`: every scale item is the id of a question.
 * `semantic/reverse-not-in-scale`: every reverse-keyed item is one of the scale's items.
 */
export function checkScaleItems(ctx: SemanticContext): SpecDiagnostic[] {
  // Without a list of questions (missing or misspelt key: the schema reports that) every item would be
  // "unknown"; one error at the real cause beats one per scale item.
  if (!Array.isArray(at(ctx.spec.value, ['questions']))) return [];
  const ids = new Set(questionsOf(ctx).flatMap((q) => (q.id === undefined ? [] : [q.id])));
  const out: SpecDiagnostic[] = [];
  for (const [name, scale] of entriesOf(at(ctx.spec.value, ['scales']))) {
    if (!isRecord(scale)) continue;
    const items = Array.isArray(scale['items']) ? scale['items'] : [];
    items.forEach((item: unknown, j) => {
      if (typeof item !== 'string' || ids.has(item)) return;
      const guess = didYouMean(item, ids);
      out.push(
        diag(ctx, ['scales', name, 'items', j], 'value', 'error', 'semantic/unknown-question',
          `Scale "${clipText(name)}" lists "${clipText(item)}", but no question has that id. ${guess ? `Did you mean "${clipText(guess)}"? ` : ''}Use the \`id\` of a question in \`questions\`, or add the question.`),
      );
    });
    const members = new Set(items.filter((i): i is string => typeof i === 'string'));
    const reverse = Array.isArray(scale['reverse']) ? scale['reverse'] : [];
    reverse.forEach((item: unknown, j) => {
      if (typeof item !== 'string' || members.has(item)) return;
      const known = ids.has(item);
      out.push(
        diag(ctx, ['scales', name, 'reverse', j], 'value', 'error', known ? 'semantic/reverse-not-in-scale' : 'semantic/unknown-question',
          known
            ? `"${clipText(item)}" is marked reverse-keyed in scale "${clipText(name)}" but is not one of its items. Add it to \`items\` or remove it from \`reverse\`.`
            : `Scale "${clipText(name)}" marks "${clipText(item)}" as reverse-keyed, but no question has that id. Use the \`id\` of one of the scale's items.`),
      );
    });
  }
  return out;
}
