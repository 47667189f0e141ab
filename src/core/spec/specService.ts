import path from 'node:path';
import { clipText, MESSAGE_LIMIT } from './clipText';
import { completeSpec, type SpecCompletion } from './features/completeSpec';
import { hoverSpec, type SpecHover } from './features/hoverSpec';
import { specDefinition } from './features/specDefinition';
import { specLinks, type SpecLink } from './features/specLinks';
import { specSymbols, type SpecSymbol } from './features/specSymbols';
import { parseSpec, type ParsedSpec } from './parseSpec';
import type { Position, Range } from './range';
import { rangeOfPath } from './rangeOfPath';
import type { JsonSchema } from './schema/jsonSchema';
import { createSchemaValidator, type SchemaValidator } from './schema/validateSchema';
import type { SemanticContext } from './semantic/semanticContext';
import type { SpecDiagnostic } from './specDiagnostic';
import type { SpecFileSystem } from './specFileSystem';
import { specKindOf, type SpecKind } from './specKind';

/** A semantic check: pure apart from reads through the context's file system. */
export type SemanticCheck = (ctx: SemanticContext) => SpecDiagnostic[];

export interface SpecServiceOptions {
  readonly schemas: Readonly<Record<SpecKind, JsonSchema>>;
  readonly files: SpecFileSystem;
  /** Checks beyond the schema, per kind. @default none */
  readonly checks?: Readonly<Partial<Record<SpecKind, readonly SemanticCheck[]>>>;
}

/** What the caller knows about the world outside the spec, passed to `validate` as plain data. */
export interface ValidateOptions {
  /**
   * The names of the configured endpoints (the editor's `personaStudio.endpoints`, the CLI's
   * `--endpoints` / `--settings`). Undefined when unknown: `endpoint:` values are then not checked.
   */
  readonly endpointNames?: readonly string[];
  /** At most this many problems per file, then one summary line. @default DEFAULT_MAX_PROBLEMS */
  readonly maxProblems?: number;
}

/**
 * Problems reported per file before the rest are summarised: thousands of them are one mistake repeated
 * (a wrong indentation, a pasted data file), and listing them all only slows the editor down.
 */
export const DEFAULT_MAX_PROBLEMS = 1000;

/** The editor-free language service for spec files: diagnostics, completion and hover as plain data. */
export interface SpecService {
  /** Parses `text`; undefined when `specPath` is not a `*.survey.yaml` / `*.persona.yaml` file. */
  parse(text: string, specPath: string): ParsedSpec | undefined;
  /**
   * Every problem: YAML syntax, schema, then semantic checks, sorted by position; beyond
   * `options.maxProblems`, the first ones and a `spec/too-many-problems` summary.
   */
  validate(text: string, specPath: string, options?: ValidateOptions): SpecDiagnostic[];
  complete(text: string, specPath: string, position: Position): SpecCompletion[];
  hover(text: string, specPath: string, position: Position): SpecHover | undefined;
  /** The outline: sections, questions, scales and demographic variables. */
  symbols(text: string, specPath: string): SpecSymbol[];
  /** Clickable links on the file paths the spec refers to. */
  links(text: string, specPath: string): SpecLink[];
  /** Where the question id under `position` (in a scale) is declared. */
  definition(text: string, specPath: string, position: Position): Range | undefined;
}

/** Documents whose last parse is kept (open specs in a window rarely exceed it). */
export const PARSE_CACHE_SIZE = 32;

export function createSpecService(options: SpecServiceOptions): SpecService {
  const validators = new Map<SpecKind, SchemaValidator>();
  const validatorFor = (kind: SpecKind): SchemaValidator => {
    let v = validators.get(kind);
    if (!v) validators.set(kind, (v = createSchemaValidator(options.schemas[kind])));
    return v;
  };
  // Diagnostics, lenses, outline, links and the runs explorer ask about several documents in turn: parsing
  // is pure, so each document keeps its last parse (an LRU keyed by path; a hit needs the same text, i.e. the
  // same document version) until its text changes or PARSE_CACHE_SIZE other documents have been parsed since.
  const parses = new Map<string, { text: string; spec: ParsedSpec }>();
  const parse = (text: string, specPath: string): ParsedSpec | undefined => {
    const kind = specKindOf(specPath);
    if (!kind) return undefined;
    const key = `${kind}\u0000${specPath}`;
    const hit = parses.get(key);
    parses.delete(key);
    const entry = hit?.text === text ? hit : { text, spec: parseSpec(text, kind) };
    parses.set(key, entry); // most recently used last
    if (parses.size > PARSE_CACHE_SIZE) parses.delete(parses.keys().next().value as string);
    return entry.spec;
  };
  return {
    parse,
    validate(text, specPath, validateOptions = {}) {
      const spec = parse(text, specPath);
      if (!spec) return [];
      const diagnostics: SpecDiagnostic[] = [...spec.syntaxDiagnostics];
      if (!spec.syntaxDiagnostics.some((d) => d.severity === 'error')) {
        diagnostics.push(...validatorFor(spec.kind).validate(spec));
        const ctx: SemanticContext = {
          spec,
          specPath: path.resolve(specPath),
          files: options.files,
          rangeOf: (p, part) => rangeOfPath(spec, p, part),
          ...(validateOptions.endpointNames ? { endpointNames: validateOptions.endpointNames } : {}),
        };
        for (const check of options.checks?.[spec.kind] ?? []) diagnostics.push(...check(ctx));
      }
      diagnostics.sort(byPosition);
      return capProblems(diagnostics.map(clipMessage), validateOptions.maxProblems ?? DEFAULT_MAX_PROBLEMS);
    },
    complete(text, specPath, position) {
      const spec = parse(text, specPath);
      return spec ? completeSpec(spec, options.schemas[spec.kind], position) : [];
    },
    hover(text, specPath, position) {
      const spec = parse(text, specPath);
      return spec ? hoverSpec(spec, options.schemas[spec.kind], position) : undefined;
    },
    symbols(text, specPath) {
      const spec = parse(text, specPath);
      return spec ? specSymbols(spec) : [];
    },
    links(text, specPath) {
      const spec = parse(text, specPath);
      return spec ? specLinks(spec, path.resolve(specPath)) : [];
    },
    definition(text, specPath, position) {
      const spec = parse(text, specPath);
      return spec ? specDefinition(spec, position) : undefined;
    },
  };
}

/** The first `max` problems, then one line saying how many more there are (errors first in its severity). */
export function capProblems(sorted: SpecDiagnostic[], max: number): SpecDiagnostic[] {
  const keep = Math.max(0, Math.floor(max));
  if (sorted.length <= keep) return sorted;
  const hidden = sorted.slice(keep);
  const errors = hidden.filter((d) => d.severity === 'error').length;
  const warnings = hidden.filter((d) => d.severity === 'warning').length;
  const shown = sorted.slice(0, keep);
  const last = shown[shown.length - 1] ?? hidden[0]!;
  const counts = errors === hidden.length ? `${hidden.length} more error(s)` : `${hidden.length} more problem(s) (${errors} error(s))`;
  shown.push({
    range: last.range,
    severity: errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'info',
    rule: 'spec/too-many-problems',
    hidden: { errors, warnings, others: hidden.length - errors - warnings },
    message: `${counts} after these ${keep} not shown. Many problems of one kind usually come from one mistake (an indentation, a pasted data file): fix the first ones and validate again.`,
  });
  return shown;
}

function clipMessage(d: SpecDiagnostic): SpecDiagnostic {
  return d.message.length <= MESSAGE_LIMIT ? d : { ...d, message: clipText(d.message, MESSAGE_LIMIT) };
}

function byPosition(a: SpecDiagnostic, b: SpecDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
