/** One `{{ … }}` occurrence. `start`/`end` are offsets into the scanned text. */
export interface TemplatePlaceholder {
  /** The inside, trimmed (it may be malformed). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** Placeholder syntax: `{{name}}`, `{{ name }}`, `{{name.sub}}`. Names: letters, digits, `_`. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;

/** Finds every `{{ … }}` in `text`. */
export function findPlaceholders(text: string): TemplatePlaceholder[] {
  const out: TemplatePlaceholder[] = [];
  const re = /\{\{([^{}]*)\}\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ name: m[1]!.trim(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}
