import path from 'node:path';
import { toPersonaSpec } from '../specModel/toPersonaSpec';
import { toSurveySpec } from '../specModel/toSurveySpec';
import type { PersonaSpec } from '../specModel/personaSpec';
import type { SurveySpec } from '../specModel/surveySpec';
import { createDefaultSpecService } from './defaultSpecService';
import { nodeSpecFileSystem } from './nodeSpecFileSystem';
import { rangeOfPath } from './rangeOfPath';
import type { SpecDiagnostic } from './specDiagnostic';
import type { SpecFileSystem } from './specFileSystem';
import { specKindOf, type SpecKind } from './specKind';

/**
 * Why a spec file could not be loaded: `not-a-spec` (name is not `*.survey.yaml`/`*.persona.yaml`, or the
 * wrong kind), `unreadable` (missing or unreadable), `invalid` (validation errors; `diagnostics` has them).
 */
export type SpecLoadErrorReason = 'not-a-spec' | 'unreadable' | 'invalid';

export class SpecLoadError extends Error {
  constructor(
    readonly reason: SpecLoadErrorReason,
    message: string,
    readonly diagnostics: readonly SpecDiagnostic[] = [],
  ) {
    super(message);
    this.name = 'SpecLoadError';
  }

  static is(e: unknown, reason?: SpecLoadErrorReason): e is SpecLoadError {
    return e instanceof SpecLoadError && (reason === undefined || e.reason === reason);
  }
}

export interface LoadedSpec<T> {
  readonly spec: T;
  /** Warnings (and infos) from validation; a spec with errors is never loaded. */
  readonly diagnostics: readonly SpecDiagnostic[];
}

function load(specPath: string, kind: SpecKind, files: SpecFileSystem): { value: unknown; text: string; diagnostics: SpecDiagnostic[]; lineOf: (p: readonly (string | number)[]) => number } {
  const abs = path.resolve(specPath);
  if (specKindOf(abs) !== kind) throw new SpecLoadError('not-a-spec', `${specPath}: not a ${kind} spec; the file name must end in .${kind}.yaml.`);
  const text = files.readText(abs);
  if (text === undefined) throw new SpecLoadError('unreadable', `${specPath}: cannot read the file (does it exist?).`);
  const service = createDefaultSpecService(files);
  const diagnostics = service.validate(text, abs);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const first = errors[0]!;
    throw new SpecLoadError('invalid',
      `${specPath}:${first.range.start.line + 1}:${first.range.start.character + 1}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more error(s); run persona-studio validate)` : ''}`,
      diagnostics);
  }
  const parsed = service.parse(text, abs)!;
  return { value: parsed.value, text, diagnostics, lineOf: (p) => rangeOfPath(parsed, [...p], 'value').start.line };
}

/** Reads, validates and types a survey spec; throws `SpecLoadError` when it cannot be used. */
export function loadSurveySpec(specPath: string, files: SpecFileSystem = nodeSpecFileSystem): LoadedSpec<SurveySpec> {
  const l = load(specPath, 'survey', files);
  return { spec: toSurveySpec(l, specPath, { lineOf: l.lineOf }), diagnostics: l.diagnostics };
}

/** Reads, validates and types a persona spec; throws `SpecLoadError` when it cannot be used. */
export function loadPersonaSpec(specPath: string, files: SpecFileSystem = nodeSpecFileSystem): LoadedSpec<PersonaSpec> {
  const l = load(specPath, 'persona', files);
  return { spec: toPersonaSpec(l, specPath), diagnostics: l.diagnostics };
}
