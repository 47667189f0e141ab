import { LineCounter, parseDocument, type Document } from 'yaml';
import type { Range } from './range';
import type { SpecDiagnostic } from './specDiagnostic';
import type { SpecKind } from './specKind';

/** A spec parsed with every node's source range kept, plus its plain-data value. */
export interface ParsedSpec {
  readonly kind: SpecKind;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The document as plain JavaScript data (aliases resolved); `undefined` for an empty document. */
  readonly value: unknown;
  /** YAML syntax errors and duplicate keys, at their exact ranges. */
  readonly syntaxDiagnostics: readonly SpecDiagnostic[];
}

/** Parses a spec's text with `yaml`, keeping node ranges; never throws on bad input. */
export function parseSpec(text: string, kind: SpecKind): ParsedSpec {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  const syntaxDiagnostics: SpecDiagnostic[] = [];
  for (const error of document.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    syntaxDiagnostics.push({
      range: offsetsToRange(lineCounter, error.pos[0], error.pos[1]),
      severity: 'error',
      rule: duplicate ? 'yaml/duplicate-key' : 'yaml/syntax',
      message: duplicate
        ? 'This key appears twice in the same mapping; YAML keeps only one of them. Remove or rename one of the two.'
        : `YAML syntax error: ${firstLine(error.message)}. Fix the indentation, quoting or punctuation here.`,
    });
  }
  for (const warning of document.warnings) {
    syntaxDiagnostics.push({
      range: offsetsToRange(lineCounter, warning.pos[0], warning.pos[1]),
      severity: 'warning',
      rule: 'yaml/warning',
      message: firstLine(warning.message),
    });
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 10_000 });
  } catch {
    value = undefined; // syntax errors above already say why
  }
  return { kind, text, document, lineCounter, value, syntaxDiagnostics };
}

/** Converts character offsets to a zero-based line/column range. */
export function offsetsToRange(lineCounter: LineCounter, start: number, end: number): Range {
  return { start: offsetToPosition(lineCounter, start), end: offsetToPosition(lineCounter, Math.max(start, end)) };
}

function offsetToPosition(lineCounter: LineCounter, offset: number): Range['start'] {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').replace(/\.$/, '');
}
