import type { ParsedSpec } from '../parseSpec';
import type { Range } from '../range';
import { keyOf } from '../rangeOfPath';
import type { YamlNode } from '../yamlTree';

/** An entry of the Outline view: a top-level section, a question, a scale or a demographic variable. */
export interface SpecSymbol {
  readonly name: string;
  readonly detail: string;
  readonly kind: 'section' | 'question' | 'scale' | 'variable';
  /** The whole entry. */
  readonly range: Range;
  /** What to reveal when the symbol is picked (the id or the key). */
  readonly selectionRange: Range;
  readonly children: readonly SpecSymbol[];
}

/**
 * The outline of a spec: its top-level keys, with the questions (by id, with their wording), the scales
 * (with their item count) and the demographic variables listed under their sections.
 */
export function specSymbols(spec: ParsedSpec): SpecSymbol[] {
  if (spec.root?.kind !== 'map') return [];
  const out: SpecSymbol[] = [];
  for (const pair of spec.root.pairs) {
    const key = keyOf(pair);
    if (key === undefined) continue;
    const range = spec.lines.rangeOf(pair.key.start, Math.max(pair.key.end, pair.value.end));
    const selectionRange = spec.lines.rangeOf(pair.key.start, pair.key.end);
    let children: SpecSymbol[] = [];
    if (key === 'questions' && pair.value.kind === 'seq') children = questionSymbols(spec, pair.value.items);
    else if (key === 'scales' && pair.value.kind === 'map') children = entrySymbols(spec, pair.value, 'scale', scaleDetail);
    else if (key === 'demographics' && pair.value.kind === 'map') {
      const variables = pair.value.pairs.find((p) => keyOf(p) === 'variables')?.value;
      if (variables?.kind === 'map') children = entrySymbols(spec, variables, 'variable', optionsDetail);
    } else if (key === 'human' && pair.value.kind === 'map') {
      const demographics = pair.value.pairs.find((p) => keyOf(p) === 'demographics')?.value;
      if (demographics?.kind === 'map') children = entrySymbols(spec, demographics, 'variable', () => 'human demographic');
    }
    out.push({ name: key, detail: sectionDetail(pair.value, children.length), kind: 'section', range, selectionRange, children });
  }
  return out;
}

function questionSymbols(spec: ParsedSpec, items: readonly YamlNode[]): SpecSymbol[] {
  const out: SpecSymbol[] = [];
  items.forEach((item, i) => {
    if (item.kind !== 'map') return;
    const id = item.pairs.find((p) => keyOf(p) === 'id');
    const text = item.pairs.find((p) => keyOf(p) === 'text')?.value;
    const name = id?.value.kind === 'scalar' && id.value.text !== '' ? id.value.text : `question ${i + 1}`;
    const anchor = id?.value ?? item;
    out.push({
      name,
      detail: text?.kind === 'scalar' ? truncate(text.text) : '',
      kind: 'question',
      range: spec.lines.rangeOf(item.start, item.end),
      selectionRange: spec.lines.rangeOf(anchor.start, anchor.end),
      children: [],
    });
  });
  return out;
}

function entrySymbols(spec: ParsedSpec, map: Extract<YamlNode, { kind: 'map' }>, kind: SpecSymbol['kind'], detail: (value: YamlNode) => string): SpecSymbol[] {
  const out: SpecSymbol[] = [];
  for (const pair of map.pairs) {
    const name = keyOf(pair);
    if (name === undefined) continue;
    out.push({
      name,
      detail: detail(pair.value),
      kind,
      range: spec.lines.rangeOf(pair.key.start, Math.max(pair.key.end, pair.value.end)),
      selectionRange: spec.lines.rangeOf(pair.key.start, pair.key.end),
      children: [],
    });
  }
  return out;
}

function scaleDetail(value: YamlNode): string {
  const items = value.kind === 'map' ? value.pairs.find((p) => keyOf(p) === 'items')?.value : undefined;
  const reverse = value.kind === 'map' ? value.pairs.find((p) => keyOf(p) === 'reverse')?.value : undefined;
  const n = items?.kind === 'seq' ? items.items.length : 0;
  const r = reverse?.kind === 'seq' ? reverse.items.length : 0;
  return `${n} item${n === 1 ? '' : 's'}${r > 0 ? `, ${r} reverse-keyed` : ''}`;
}

function optionsDetail(value: YamlNode): string {
  const options = value.kind === 'map' ? value.pairs.find((p) => keyOf(p) === 'options')?.value : undefined;
  return options?.kind === 'seq' ? options.items.map((o) => (o.kind === 'scalar' ? o.text : '…')).join(' / ') : '';
}

function sectionDetail(value: YamlNode, children: number): string {
  if (value.kind === 'scalar') return truncate(value.text);
  if (value.kind === 'seq') return `${value.items.length} item${value.items.length === 1 ? '' : 's'}`;
  return children > 0 ? `${children}` : '';
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 80 ? `${oneLine.slice(0, 79)}…` : oneLine;
}
