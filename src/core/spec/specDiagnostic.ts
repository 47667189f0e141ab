import type { Range } from './range';

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * One problem in a spec, as plain data. `rule` is a stable id (`yaml/syntax`, `schema/unknown-key`,
 * `semantic/duplicate-id`, …) that tests, quick fixes and the CLI key on; `message` says what is
 * wrong and how to fix it.
 */
export interface SpecDiagnostic {
  readonly range: Range;
  readonly severity: DiagnosticSeverity;
  readonly rule: string;
  readonly message: string;
  /** Data a quick fix needs (e.g. the misspelt key and its suggested replacement). */
  readonly fix?: SpecFix;
}

/** A machine-applicable edit attached to a diagnostic. */
export interface SpecFix {
  readonly title: string;
  readonly edits: readonly SpecTextEdit[];
}

export interface SpecTextEdit {
  readonly range: Range;
  readonly newText: string;
}
