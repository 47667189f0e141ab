import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import { offsetsToRange, type ParsedSpec } from './parseSpec';
import type { Range } from './range';
import type { YamlPath } from './yamlPath';

/**
 * The exact source range of the key or the value at `path`. When the path does not exist (a missing
 * key), the range of the deepest node that does exist is returned: the key of the mapping that lacks
 * it, so the squiggle lands where the fix goes. An alias (`*name`) is not followed: the range is the
 * alias where it is used.
 */
export function rangeOfPath(spec: ParsedSpec, path: YamlPath, part: 'key' | 'value' = 'value'): Range {
  const found = locate(spec, path);
  const node = part === 'key' && found.pair?.key ? (found.pair.key as Node) : found.node;
  const r = node?.range;
  if (!r) return offsetsToRange(spec.lineCounter, 0, firstLineEnd(spec.text));
  return offsetsToRange(spec.lineCounter, r[0], r[1]);
}

interface Located {
  /** The deepest node reached. */
  readonly node: Node | undefined;
  /** The pair holding that node when it is a mapping value. */
  readonly pair: Pair | undefined;
  /** How many path segments were matched. */
  readonly depth: number;
}

/** Walks `path` through the document's node tree. */
export function locate(spec: ParsedSpec, path: YamlPath): Located {
  let node = spec.document.contents as Node | null;
  let pair: Pair | undefined;
  let depth = 0;
  for (const segment of path) {
    if (!node || isAlias(node)) break;
    if (isMap(node)) {
      const next = node.items.find((p) => isPair(p) && keyOf(p) === String(segment));
      if (!next) break;
      pair = next;
      node = (next.value as Node | null) ?? (next.key as Node);
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      pair = undefined;
      node = item;
    } else {
      break;
    }
    depth++;
  }
  return { node: node ?? undefined, pair, depth };
}

/** The string form of a pair's key (scalar keys only). */
export function keyOf(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

function firstLineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}
