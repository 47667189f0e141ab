import { didYouMean } from '../didYouMean';
import type { Position, Range } from '../range';
import type { SpecDiagnostic } from '../specDiagnostic';
import type { YamlPath } from '../yamlPath';
import { findPlaceholders, VARIABLE_NAME } from '../../specModel/templates/placeholders';
import type { AllowedVariables } from '../../specModel/templates/templateVariables';
import type { SemanticContext } from './semanticContext';
import { at } from './specShape';

/** Why a placeholder is not allowed (with how to fix it), or undefined when it is fine. */
export function explainPlaceholder(name: string, allowed: AllowedVariables, where: string): string | undefined {
  const list = [...allowed.keys()].map((n) => `{{${n}}}`);
  const available = list.length ? `This template can use ${list.join(', ')}.` : 'This template takes no variables; write the text literally.';
  if (!VARIABLE_NAME.test(name)) {
    return `"{{${name}}}" is not a valid placeholder in ${where}: a variable name is letters, digits and "_" (with ".field" for a sub-field). ${available}`;
  }
  const [root, ...rest] = name.split('.');
  const fields = allowed.get(root!);
  if (fields === undefined) {
    const guess = didYouMean(root!, allowed.keys());
    return `Unknown template variable "{{${name}}}" in ${where}. ${guess ? `Did you mean "{{${guess}}}"? ` : ''}${available}`;
  }
  if (rest.length === 0 || fields === 'any') return undefined;
  if (fields === false || rest.length > 1) {
    return `"{{${root!}}}" has no sub-field "${rest.join('.')}" in ${where}. Write "{{${root!}}}".`;
  }
  if (!fields.has(rest[0]!)) {
    const guess = didYouMean(rest[0]!, fields);
    const known = [...fields].map((f) => `{{${root!}.${f}}}`);
    return `"{{${name}}}" in ${where}: "${rest[0]!}" is not a known ${root!} variable. ${guess ? `Did you mean "{{${root!}.${guess}}}"? ` : ''}${known.length ? `Available: ${known.join(', ')}.` : `Declare it first.`}`;
  }
  return undefined;
}

/**
 * Checks the template string at `p` (if it is a string) and reports each bad placeholder at its exact
 * range in the source. When the template comes through an alias, the alias is flagged.
 */
export function checkTemplateAt(ctx: SemanticContext, p: YamlPath, allowed: AllowedVariables, where: string): SpecDiagnostic[] {
  const value = at(ctx.spec.value, p);
  if (typeof value !== 'string') return [];
  const out: SpecDiagnostic[] = [];
  // Scan the source text of the scalar, so ranges are exact even in quoted or block scalars (a
  // placeholder never contains characters YAML escapes or folds). When the template comes through an
  // alias, or the source does not show the same placeholders, flag the whole value instead.
  const valueRange = ctx.rangeOf(p, 'value');
  const text = ctx.spec.text;
  const startOffset = offsetOf(text, valueRange.start);
  const source = text.slice(startOffset, offsetOf(text, valueRange.end));
  const fromSource = source.startsWith('*') ? [] : findPlaceholders(source);
  const fromValue = findPlaceholders(value);
  const exact = fromSource.length === fromValue.length && fromSource.every((ph, i) => ph.name === fromValue[i]!.name);
  for (const [i, ph] of fromValue.entries()) {
    const message = explainPlaceholder(ph.name, allowed, where);
    if (!message) continue;
    const src = fromSource[i];
    const range = exact && src ? rangeAt(text, startOffset + src.start, startOffset + src.end) : valueRange;
    out.push({ range, severity: 'error', rule: 'semantic/unknown-variable', message });
  }
  return out;
}

/** The offset in `text` of a zero-based line/character position. */
function offsetOf(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + pos.character);
}

function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, character: offset - lineStart };
}

function rangeAt(text: string, start: number, end: number): Range {
  return { start: positionAt(text, start), end: positionAt(text, end) };
}
