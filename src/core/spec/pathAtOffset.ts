import type { ParsedSpec } from './parseSpec';
import { keyOf } from './rangeOfPath';
import type { YamlNode } from './yamlTree';
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
  return visit(spec.root, offset, []);
}

function visit(node: YamlNode | undefined, offset: number, path: (string | number)[]): PathAtOffset | undefined {
  if (!node || offset < node.start || offset > node.end) return undefined;
  if (node.kind === 'map') {
    for (const pair of node.pairs) {
      const name = keyOf(pair);
      if (name === undefined) continue;
      if (offset >= pair.key.start && offset <= pair.key.end) return { path: [...path, name], part: 'key', span: [pair.key.start, pair.key.end] };
      const inner = visit(pair.value, offset, [...path, name]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (node.kind === 'seq') {
    for (let i = 0; i < node.items.length; i++) {
      const inner = visit(node.items[i], offset, [...path, i]);
      if (inner) return inner;
    }
    return undefined;
  }
  if (node.kind === 'scalar' && !node.empty) return { path, part: 'value', span: [node.start, node.end] };
  return undefined;
}
