import { isAlias, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { ParsedSpec } from './parseSpec';
import type { YamlPath } from './yamlPath';

/** Where an offset falls: on a key, in a value, with the path of the pair it belongs to. */
export interface PathAtOffset {
  readonly path: YamlPath;
  readonly part: 'key' | 'value';
  /** Start and end offsets of the key or scalar value under the offset. */
  readonly span: readonly [number, number];
}

/** The deepest key or scalar value that contains `offset`, with its path; undefined between nodes. */
export function pathAtOffset(spec: ParsedSpec, offset: number): PathAtOffset | undefined {
  return visit(spec.document.contents as Node | null, offset, []);
}

function visit(node: Node | null | undefined, offset: number, path: (string | number)[]): PathAtOffset | undefined {
  if (!node || isAlias(node)) return undefined;
  const r = node.range;
  if (r && (offset < r[0] || offset > r[2])) return undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : undefined;
      if (name === undefined) continue;
      const kr = key?.range;
      if (kr && offset >= kr[0] && offset <= kr[1]) return { path: [...path, name], part: 'key', span: [kr[0], kr[1]] };
      const inner = visit(pair.value as Node | null, offset, [...path, name]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = visit(node.items[i] as Node | null, offset, [...path, i]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isScalar(node) && r && offset >= r[0] && offset <= r[1]) return { path, part: 'value', span: [r[0], r[1]] };
  return undefined;
}
