import { SpecModelError } from '../specModelError';
import { findPlaceholders } from './placeholders';

/**
 * Values for one rendering, by full placeholder name: `backstory`, `question`, and for sub-fields the
 * dotted name, e.g. `demographics.age`.
 */
export type TemplateValues = Readonly<Record<string, string>>;

/**
 * Replaces every `{{name}}` (spaces inside the braces allowed) with `values[name]`, in one pass: a value
 * that itself contains `{{…}}` (a backstory may) is inserted literally, never expanded again. A placeholder
 * with no value throws `SpecModelError('unknown-variable')` — the spec checks catch these before a run, so
 * reaching it means the caller forgot a variable, and a prompt with a hole must never be sent.
 */
export function renderTemplate(template: string, values: TemplateValues, where = 'the template'): string {
  let out = '';
  let last = 0;
  for (const ph of findPlaceholders(template)) {
    const value = Object.prototype.hasOwnProperty.call(values, ph.name) ? values[ph.name] : undefined;
    if (value === undefined) {
      const known = Object.keys(values).map((k) => `{{${k}}}`).join(', ') || 'none';
      throw new SpecModelError('unknown-variable', `{{${ph.name}}} in ${where} has no value (available: ${known}). Fix the placeholder's name in the spec.`);
    }
    out += template.slice(last, ph.start) + value;
    last = ph.end;
  }
  return out + template.slice(last);
}
