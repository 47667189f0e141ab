import type { Range } from './range';

/** `hint`: shown at its range in the editor (faded, with its quick fixes) but not listed in the Problems panel. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info' | 'hint';

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
  /** Further quick fixes that are not edits (open a setting). */
  readonly actions?: readonly SpecAction[];
  /** On a `spec/too-many-problems` summary: how many problems of each severity it stands for. */
  readonly hidden?: { readonly errors: number; readonly warnings: number; readonly others: number };
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

/**
 * A quick fix that is not an edit of the spec, for the editor to run: `open-setting` opens the settings
 * editor at `setting` (e.g. `personaStudio.endpoints`, where a missing endpoint is added).
 */
export interface SpecAction {
  readonly title: string;
  readonly kind: 'open-setting';
  readonly setting: string;
}
