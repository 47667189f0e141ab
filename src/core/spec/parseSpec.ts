import { LineIndex } from './lineIndex';
import type { SpecDiagnostic } from './specDiagnostic';
import type { SpecKind } from './specKind';
import { parseYamlTree, type YamlNode } from './yamlTree';

/** A spec parsed with every node's source range kept, plus its plain-data value. */
export interface ParsedSpec {
  readonly kind: SpecKind;
  readonly text: string;
  /** The document's syntax tree with offsets; undefined for an empty or unparseable document. */
  readonly root: YamlNode | undefined;
  readonly lines: LineIndex;
  /** The document as plain JavaScript data (aliases resolved); `undefined` when empty or broken. */
  readonly value: unknown;
  /** The YAML syntax error or duplicate key, at its exact range (js-yaml stops at the first). */
  readonly syntaxDiagnostics: readonly SpecDiagnostic[];
}

/** Parses a spec's text (js-yaml events, YAML 1.2 core schema), keeping node ranges; never throws. */
export function parseSpec(text: string, kind: SpecKind): ParsedSpec {
  const lines = new LineIndex(text);
  const parsed = parseYamlTree(text);
  const syntaxDiagnostics: SpecDiagnostic[] = [];
  if (parsed.error) {
    const { start, end, reason, duplicateKey, aliasLimit } = parsed.error;
    syntaxDiagnostics.push({
      range: lines.rangeOf(start, end),
      severity: 'error',
      rule: duplicateKey ? 'yaml/duplicate-key' : aliasLimit ? 'yaml/alias-limit' : 'yaml/syntax',
      message: duplicateKey
        ? 'This key appears twice in the same mapping. Remove or rename one of the two.'
        : aliasLimit
          ? reason
          : `YAML syntax error: ${reason}. Fix the indentation, quoting or punctuation here.`,
    });
  }
  return { kind, text, root: parsed.root, lines, value: parsed.value, syntaxDiagnostics };
}
