import type { ParsedSpec } from '../parseSpec';
import { pathAtOffset } from '../pathAtOffset';
import type { Position, Range } from '../range';
import { keyOf } from '../rangeOfPath';

/**
 * Go to definition inside a survey spec: a question id used in a scale (`items`, `reverse`) jumps to the
 * question that declares it. Returns the range of the declaring `id` value.
 */
export function specDefinition(spec: ParsedSpec, position: Position): Range | undefined {
  if (spec.kind !== 'survey') return undefined;
  const at = pathAtOffset(spec, spec.lines.offsetAt(position));
  if (!at || at.part !== 'value' || at.path[0] !== 'scales') return undefined;
  const field = at.path[2];
  if ((field !== 'items' && field !== 'reverse') || typeof at.path[3] !== 'number') return undefined;
  const id = spec.text.slice(at.span[0], at.span[1]).replace(/^["']|["']$/g, '');
  const questions = spec.root?.kind === 'map' ? spec.root.pairs.find((p) => keyOf(p) === 'questions')?.value : undefined;
  if (questions?.kind !== 'seq') return undefined;
  for (const item of questions.items) {
    if (item.kind !== 'map') continue;
    const declared = item.pairs.find((p) => keyOf(p) === 'id')?.value;
    if (declared?.kind === 'scalar' && declared.text === id) return spec.lines.rangeOf(declared.start, declared.end);
  }
  return undefined;
}
