import { createHash } from 'node:crypto';

/** What `toSurveySpec` / `toPersonaSpec` read: a parsed spec (`ParsedSpec` fits) and where it lives. */
export interface SpecSource {
  /** The document as plain data (YAML aliases resolved). */
  readonly value: unknown;
  /** The spec's text (hashed into the model). */
  readonly text: string;
}

export interface SpecModelOptions {
  /** 0-based line of a YAML path in the text, when the caller can tell (used for question lines). */
  readonly lineOf?: (path: readonly (string | number)[]) => number | undefined;
}

/** SHA-256 (hex) of a spec's text. */
export function specHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
