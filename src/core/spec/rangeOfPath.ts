import type { ParsedSpec } from './parseSpec';
import type { Range } from './range';
import type { YamlMap, YamlNode, YamlPair } from './yamlTree';
import type { YamlPath } from './yamlPath';

/**
 * The exact source range of the key or the value at `path`. When the path does not exist (a missing
 * key), the range of the deepest node that does exist is returned: the key of the mapping that lacks
 * it, so the squiggle lands where the fix goes. An alias (`*name`) is not followed: the range is the
 * alias where it is used.
 */
export function rangeOfPath(spec: ParsedSpec, path: YamlPath, part: 'key' | 'value' = 'value'): Range {
  const found = locate(spec, path);
  const node = part === 'key' && found.pair ? found.pair.key : found.node;
  if (!node) return spec.lines.rangeOf(0, firstLineEnd(spec.text));
  return spec.lines.rangeOf(node.start, node.end);
}

interface Located {
  /** The deepest node reached. */
  readonly node: YamlNode | undefined;
  /** The pair holding that node when it is a mapping value. */
  readonly pair: YamlPair | undefined;
  /** How many path segments were matched. */
  readonly depth: number;
}

/** Walks `path` through the document's tree. */
export function locate(spec: ParsedSpec, path: YamlPath): Located {
  let node = spec.root;
  let pair: YamlPair | undefined;
  let depth = 0;
  for (const segment of path) {
    if (!node) break;
    if (node.kind === 'map') {
      const next = pairOf(node, String(segment));
      if (!next) break;
      pair = next;
      node = next.value;
    } else if (node.kind === 'seq' && typeof segment === 'number') {
      const item = node.items[segment];
      if (!item) break;
      pair = undefined;
      node = item;
    } else {
      break;
    }
    depth++;
  }
  return { node, pair, depth };
}

/** Mappings with more pairs than this get a key index on first lookup; smaller ones are scanned. */
const INDEX_FROM = 16;
const pairIndexes = new WeakMap<YamlMap, Map<string, YamlPair>>();

/**
 * The first pair of `map` whose key is `key`, in O(1) for large mappings: one diagnostic per key of an
 * 80,000-key mapping would otherwise scan it 80,000 times (quadratic).
 */
export function pairOf(map: YamlMap, key: string): YamlPair | undefined {
  const pairs = map.pairs;
  if (pairs.length <= INDEX_FROM) {
    for (const p of pairs) if (keyOf(p) === key) return p;
    return undefined;
  }
  let index = pairIndexes.get(map);
  if (!index) {
    index = new Map();
    for (const p of pairs) {
      const k = keyOf(p);
      if (k !== undefined && !index.has(k)) index.set(k, p);
    }
    pairIndexes.set(map, index);
  }
  return index.get(key);
}

/** The string form of a pair's key (scalar keys only). */
export function keyOf(pair: YamlPair): string | undefined {
  return pair.key.kind === 'scalar' ? pair.key.text : undefined;
}

function firstLineEnd(text: string): number {
  const i = text.indexOf('\n');
  return i < 0 ? text.length : i;
}
