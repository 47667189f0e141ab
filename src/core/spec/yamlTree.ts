import { constructFromEvents, getScalarValue, parseEvents, YAMLException, type Event } from 'js-yaml';

/**
 * A light syntax tree of one YAML document with source offsets on every node, built from js-yaml's
 * event stream (`parseEvents`). Offsets are zero-based and end-exclusive. Scalars span their text
 * including quotes; a collection spans from its first character to the end of its last child (the
 * closing bracket for flow collections); an empty value spans nothing at the place it would start.
 */
export type YamlNode = YamlScalar | YamlMap | YamlSeq | YamlAlias;

interface Span {
  readonly start: number;
  readonly end: number;
}
export interface YamlScalar extends Span {
  readonly kind: 'scalar';
  /** The scalar's text as written (decoded, not yet typed: `"1"` and `1` both read `1`). */
  readonly text: string;
  readonly empty: boolean;
}
export interface YamlPair {
  readonly key: YamlNode;
  readonly value: YamlNode;
}
export interface YamlMap extends Span {
  readonly kind: 'map';
  readonly flow: boolean;
  readonly pairs: readonly YamlPair[];
}
export interface YamlSeq extends Span {
  readonly kind: 'seq';
  readonly flow: boolean;
  readonly items: readonly YamlNode[];
}
export interface YamlAlias extends Span {
  readonly kind: 'alias';
  readonly name: string;
}

/** The tree, the plain-data value, or the first syntax error (js-yaml stops at the first). */
export interface YamlParse {
  readonly root: YamlNode | undefined;
  readonly value: unknown;
  readonly error?: {
    readonly start: number;
    readonly end: number;
    readonly reason: string;
    readonly duplicateKey: boolean;
    /** Aliases would expand the document beyond `aliasExpansionLimit`; `reason` is then the whole message. */
    readonly aliasLimit?: boolean;
  };
}

/** Values (scalars and collections) the document may hold once every alias is expanded, at least. */
export const MIN_ALIAS_EXPANSION_LIMIT = 1_000_000;
/** … and at least this many times the number of values written in the text. */
export const ALIAS_EXPANSION_FACTOR = 10;

/**
 * The most values a document of `written` values may expand to through its aliases. Aliases are shared,
 * not copied, when parsed, but every check walks the expanded value: a few nested aliases (`b: [*a, *a…]`,
 * `c: [*b, *b…]`, …, the "billion laughs") would expand to billions and hang the editor. A limit in
 * proportion to the text allows any number of plain reuses (150,000 questions sharing `options: *agree`).
 */
export function aliasExpansionLimit(written: number): number {
  return Math.max(MIN_ALIAS_EXPANSION_LIMIT, ALIAS_EXPANSION_FACTOR * written);
}

const EV = { DOCUMENT: 1, SEQUENCE: 2, MAPPING: 3, SCALAR: 4, ALIAS: 5, POP: 6 } as const;
const FLOW = 2;
const SINGLE_QUOTED = 2;
const DOUBLE_QUOTED = 3;

/** Parses `text` (one document) into a tree and its value, never throwing. */
export function parseYamlTree(text: string): YamlParse {
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: 200 });
  } catch (err) {
    return { root: undefined, value: undefined, error: toError(text, err, undefined) };
  }
  const { root, aliasOverflow } = buildTree(text, events);
  if (aliasOverflow) return { root, value: undefined, error: aliasOverflow };
  try {
    // The alias count is not limited here: the expansion size is, in buildTree.
    const docs = constructFromEvents(events, { source: text, maxAliases: -1 });
    if (docs.length > 1) {
      return { root, value: docs[0], error: { start: root?.end ?? 0, end: text.length, reason: 'a spec holds one YAML document; remove the "---" separator and what follows or move it to its own file', duplicateKey: false } };
    }
    return { root, value: docs[0] };
  } catch (err) {
    return { root, value: undefined, error: toError(text, err, root) };
  }
}

function toError(text: string, err: unknown, root: YamlNode | undefined): NonNullable<YamlParse['error']> {
  if (!(err instanceof YAMLException) || !err.mark) {
    return { start: 0, end: 0, reason: err instanceof Error ? err.message : String(err), duplicateKey: false };
  }
  const start = Math.min(err.mark.position, text.length);
  const duplicateKey = /duplicated mapping key/.test(err.reason ?? '');
  const key = duplicateKey && root ? scalarAt(root, start) : undefined;
  let end = key ? key.end : start;
  if (!key) while (end < text.length && !/\s/.test(text[end]!)) end++;
  if (end === start && start < text.length && text[start] !== '\n') end = start + 1;
  return { start, end, reason: err.reason ?? err.message, duplicateKey };
}

function scalarAt(node: YamlNode, offset: number): YamlScalar | undefined {
  if (offset < node.start || offset > node.end) return undefined;
  if (node.kind === 'scalar') return node.start === offset || node.start + 1 === offset ? node : undefined;
  const children = node.kind === 'map' ? node.pairs.flatMap((p) => [p.key, p.value]) : node.kind === 'seq' ? node.items : [];
  for (const child of children) {
    const hit = scalarAt(child, offset);
    if (hit) return hit;
  }
  return undefined;
}

interface OpenCollection {
  readonly kind: 'map' | 'seq';
  readonly start: number;
  readonly flow: boolean;
  readonly children: YamlNode[];
}

function buildTree(text: string, events: readonly Event[]): { root: YamlNode | undefined; aliasOverflow?: NonNullable<YamlParse['error']> } {
  const stack: OpenCollection[] = [];
  let root: YamlNode | undefined;
  let lastEnd = 0;
  // Expanded size: every value counts 1, an alias counts the expanded size of what its anchor holds.
  const anchorSizes = new Map<string, number>();
  const sizes: number[] = [];
  let written = 0;
  for (const e of events) if (e.type === EV.MAPPING || e.type === EV.SEQUENCE || e.type === EV.SCALAR) written++;
  let expanded = 0;
  let aliasOverflow: NonNullable<YamlParse['error']> | undefined;
  const limit = aliasExpansionLimit(written);
  const anchorOf = (e: { anchorStart: number; anchorEnd: number }): string | undefined => (e.anchorStart >= 0 ? text.slice(e.anchorStart, e.anchorEnd) : undefined);
  const addSize = (n: number): void => {
    if (sizes.length > 0) sizes[sizes.length - 1]! += n;
  };
  const anchorsOpen: (string | undefined)[] = [];
  const emit = (node: YamlNode): void => {
    lastEnd = Math.max(lastEnd, node.end);
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else root ??= node;
  };
  for (const e of events) {
    switch (e.type) {
      case EV.MAPPING:
      case EV.SEQUENCE:
        stack.push({ kind: e.type === EV.MAPPING ? 'map' : 'seq', start: e.start, flow: e.style === FLOW, children: [] });
        sizes.push(1);
        anchorsOpen.push(anchorOf(e));
        expanded++;
        break;
      case EV.SCALAR: {
        expanded++;
        addSize(1);
        const anchor = anchorOf(e);
        if (anchor !== undefined) anchorSizes.set(anchor, 1);
        if (e.valueStart < 0) {
          const at = emptyPosition(text, lastEnd, stack[stack.length - 1]);
          emit({ kind: 'scalar', start: at, end: at, text: '', empty: true });
          break;
        }
        const quoted = e.style === SINGLE_QUOTED || e.style === DOUBLE_QUOTED;
        emit({ kind: 'scalar', start: e.valueStart - (quoted ? 1 : 0), end: e.valueEnd + (quoted ? 1 : 0), text: getScalarValue(text, e), empty: false });
        break;
      }
      case EV.ALIAS: {
        const name = text.slice(e.anchorStart, e.anchorEnd);
        const size = anchorSizes.get(name) ?? 1;
        expanded += size;
        addSize(size);
        if (expanded > limit && !aliasOverflow) aliasOverflow = aliasOverflowError(e.anchorStart - 1, e.anchorEnd, name, limit, written);
        emit({ kind: 'alias', start: e.anchorStart - 1, end: e.anchorEnd, name });
        break;
      }
      case EV.POP: {
        const open = stack.pop();
        if (!open) break;
        const size = sizes.pop() ?? 1;
        const anchor = anchorsOpen.pop();
        if (anchor !== undefined) anchorSizes.set(anchor, size);
        addSize(size);
        const last = open.children[open.children.length - 1];
        let end = last ? last.end : open.start + 1;
        if (open.flow) end = closingBracket(text, end, open.kind === 'map' ? '}' : ']');
        const node: YamlNode =
          open.kind === 'map'
            ? { kind: 'map', start: open.start, end, flow: open.flow, pairs: toPairs(open.children) }
            : { kind: 'seq', start: open.start, end, flow: open.flow, items: open.children };
        emit(node);
        break;
      }
      default:
        break;
    }
  }
  return aliasOverflow ? { root, aliasOverflow } : { root };
}

function aliasOverflowError(start: number, end: number, name: string, limit: number, written: number): NonNullable<YamlParse['error']> {
  const n = (x: number): string => x.toLocaleString('en-US');
  return {
    start,
    end,
    duplicateKey: false,
    aliasLimit: true,
    reason:
      `From this alias (*${name}) on, the aliases of this spec expand it to more than ${n(limit)} values, the limit for a spec of ` +
      `${n(written)} written values (${ALIAS_EXPANSION_FACTOR} times as many, at least ${n(MIN_ALIAS_EXPANSION_LIMIT)}). ` +
      'The limit stops aliases nested in anchored blocks from expanding into billions of values ("billion laughs") and hanging the checks; ' +
      'reusing one anchor any number of times (options: *agree) stays well below it. Alias the small repeated part itself instead of ' +
      'blocks that contain aliases, or write the repeated block out.',
  };
}

function toPairs(children: readonly YamlNode[]): YamlPair[] {
  const pairs: YamlPair[] = [];
  for (let i = 0; i + 1 < children.length; i += 2) pairs.push({ key: children[i]!, value: children[i + 1]! });
  return pairs;
}

/** Where an empty value sits: right after the `:` of its key (or the `-` of its item). */
function emptyPosition(text: string, lastEnd: number, parent: OpenCollection | undefined): number {
  if (!parent) return 0;
  let i = lastEnd;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  if (text[i] === ':' || text[i] === '-') i++;
  return Math.min(i, text.length);
}

/** The offset after the bracket that closes a flow collection whose last child ends at `from`. */
function closingBracket(text: string, from: number, bracket: string): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i]!;
    if (c === bracket) return i + 1;
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== ',') {
      return from;
    }
  }
  return from;
}
