import { renderTemplate } from '../../specModel/templates/renderTemplate';
import { LADDER_SYSTEM_MESSAGE, OBJECTIVE_FIELDS, SUBJECTIVE_FIELDS } from './ladderFields';
import type { MetaPersona } from './sampleMetaPersonas';

export type LadderLayer = 'objective-tabular' | 'subjective-tabular' | 'descriptive';

/** The persona spec's `generation` block, as plain data. */
export interface LadderGeneration {
  readonly system?: string;
  /** User message; variables `{{meta}}`, `{{template}}`, `{{index}}`. */
  readonly prompt: string;
  readonly fields?: Readonly<Record<string, readonly string[] | string>>;
  readonly responsePrefix?: string;
}

/** Chat messages for one persona of one layer, and the decoding seed the authors use (the persona index). */
export interface LadderRequest {
  readonly messages: readonly { readonly role: 'system' | 'user'; readonly content: string }[];
  readonly seed: number;
}

/** The field list a layer fills: the spec's own, else the authors' objective or subjective template. */
export function ladderFields(layer: LadderLayer, generation: LadderGeneration): Readonly<Record<string, readonly string[] | string>> {
  if (generation.fields) return generation.fields;
  if (layer === 'objective-tabular') return OBJECTIVE_FIELDS;
  if (layer === 'subjective-tabular') return SUBJECTIVE_FIELDS;
  return {};
}

/**
 * The empty JSON template of a tabular layer: each field with its allowed values joined by " / ", or its
 * description, as the value to replace (Li et al.'s `### FINAL PERSONA TEMPLATE ###`). Empty for `descriptive`.
 */
export function ladderTemplate(layer: LadderLayer, generation: LadderGeneration): string {
  if (layer === 'descriptive') return '';
  const fields = ladderFields(layer, generation);
  const shown: Record<string, string> = {};
  for (const [name, spec] of Object.entries(fields)) shown[name] = typeof spec === 'string' ? `<${spec}>` : `<one of: ${spec.join(' / ')}>`;
  return JSON.stringify(shown, null, 2);
}

/**
 * The request that turns one meta persona into a persona of `layer` (seeds-methods.md §2.1–2.3): built from
 * the meta persona alone, never from another layer's output; the meta persona as JSON in `{{meta}}`; decoding
 * seed = the persona's index, as in the authors' code.
 */
export function ladderRequest(layer: LadderLayer, meta: MetaPersona, generation: LadderGeneration): LadderRequest {
  const user = renderTemplate(generation.prompt, {
    meta: JSON.stringify(meta.fields, null, 2),
    template: ladderTemplate(layer, generation),
    index: String(meta.index),
  });
  return {
    messages: [
      { role: 'system', content: generation.system ?? LADDER_SYSTEM_MESSAGE },
      { role: 'user', content: user },
    ],
    seed: meta.index,
  };
}

/** What a ladder answer yields: the persona text, and for tabular layers the parsed fields and closed-value violations. */
export type LadderParse =
  | { readonly ok: true; readonly text: string; readonly fields?: Readonly<Record<string, unknown>>; readonly violations: readonly string[] }
  | { readonly ok: false; readonly reason: 'noPrefix' | 'notJson'; readonly detail: string };

/**
 * Reads a generated persona: everything after the first `responsePrefix` ("Persona:") is the persona (Li et
 * al. store exactly that). Tabular layers must hold a JSON object; values outside a field's closed list are
 * reported as violations (kept, not silently fixed).
 */
export function parseLadderAnswer(layer: LadderLayer, answer: string, generation: LadderGeneration): LadderParse {
  const prefix = generation.responsePrefix ?? 'Persona:';
  const at = answer.indexOf(prefix);
  if (at < 0) return { ok: false, reason: 'noPrefix', detail: `the answer does not contain "${prefix}"` };
  const text = answer.slice(at + prefix.length).trim();
  if (layer === 'descriptive') return { ok: true, text, violations: [] };
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  let fields: unknown;
  try {
    fields = start >= 0 && end > start ? JSON.parse(text.slice(start, end + 1)) : undefined;
  } catch {
    fields = undefined;
  }
  if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
    return { ok: false, reason: 'notJson', detail: 'a tabular persona must be a JSON object after the prefix' };
  }
  const record = fields as Record<string, unknown>;
  const violations: string[] = [];
  for (const [name, spec] of Object.entries(ladderFields(layer, generation))) {
    if (!(name in record)) violations.push(`${name}: missing`);
    else if (typeof spec !== 'string' && !spec.includes(String(record[name]))) violations.push(`${name}: "${String(record[name])}" is not one of ${spec.join(' / ')}`);
  }
  return { ok: true, text: JSON.stringify(record), fields: record, violations };
}
