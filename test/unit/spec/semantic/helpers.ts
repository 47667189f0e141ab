import assert from 'node:assert/strict';
import path from 'node:path';
import { parseSpec } from '../../../../src/core/spec/parseSpec';
import type { Range } from '../../../../src/core/spec/range';
import { rangeOfPath } from '../../../../src/core/spec/rangeOfPath';
import type { SemanticContext } from '../../../../src/core/spec/semantic/semanticContext';
import type { SpecDiagnostic } from '../../../../src/core/spec/specDiagnostic';
import type { FileKind, SpecFileSystem } from '../../../../src/core/spec/specFileSystem';
import { specKindOf } from '../../../../src/core/spec/specKind';

/**
 * Strips `⟦` and `⟧` markers from inline YAML and returns the clean text plus the range each pair
 * marks (in order of the opening markers), so expected diagnostic ranges are written in place.
 */
export function marked(src: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  const open: { line: number; character: number }[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  const starts: number[] = [];
  for (const ch of src) {
    if (ch === '⟦') {
      open.push({ line, character });
      starts.push(ranges.length);
      ranges.push({ start: { line, character }, end: { line, character } });
      continue;
    }
    if (ch === '⟧') {
      const start = open.pop();
      const index = starts.pop();
      if (!start || index === undefined) throw new Error('unbalanced ⟧ marker');
      ranges[index] = { start, end: { line, character } };
      continue;
    }
    text += ch;
    if (ch === '\n') {
      line++;
      character = 0;
    } else {
      character += ch.length;
    }
  }
  if (open.length) throw new Error('unbalanced ⟦ marker');
  return { text, ranges };
}

/** Shared by all instances, so two test files at the same path never look unchanged to a cache. */
let nextMtime = 1;

/** An in-memory file system: files by absolute path; every folder on the way to a file exists. */
export class MemoryFiles implements SpecFileSystem {
  readonly reads: string[] = [];
  private readonly files = new Map<string, { text: string; bytes?: Uint8Array; mtimeMs: number }>();
  private readonly specials = new Map<string, FileKind>();
  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }
  /** A path that exists but is not a regular file (a named pipe, a device…): never readable. */
  special(absPath: string, kind: Exclude<FileKind, 'file'>): void {
    this.specials.set(path.resolve(absPath), kind);
  }
  write(absPath: string, content: string | Uint8Array): void {
    const entry = typeof content === 'string' ? { text: content } : { text: Buffer.from(content).toString('utf8'), bytes: content };
    this.files.set(path.resolve(absPath), { ...entry, mtimeMs: nextMtime++ });
  }
  stat(absPath: string): { mtimeMs: number; size: number; isFile: boolean; kind: FileKind } | undefined {
    const p = path.resolve(absPath);
    const special = this.specials.get(p);
    if (special) return { mtimeMs: 0, size: 0, isFile: false, kind: special };
    const f = this.files.get(p);
    if (f) return { mtimeMs: f.mtimeMs, size: f.bytes ? f.bytes.length : Buffer.byteLength(f.text), isFile: true, kind: 'file' };
    const prefix = p.endsWith(path.sep) ? p : p + path.sep;
    for (const k of this.files.keys()) if (k.startsWith(prefix)) return { mtimeMs: 0, size: 0, isFile: false, kind: 'directory' };
    return undefined;
  }
  readText(absPath: string): string | undefined {
    this.reads.push(absPath);
    return this.files.get(path.resolve(absPath))?.text;
  }
  readBytes(absPath: string): Uint8Array | undefined {
    this.reads.push(absPath);
    const f = this.files.get(path.resolve(absPath));
    return f ? (f.bytes ?? new TextEncoder().encode(f.text)) : undefined;
  }
}

export const SURVEY = '/ws/surveys/test.survey.yaml';
export const PERSONA = '/ws/personas/test.persona.yaml';

export function contextFor(text: string, specPath: string, files: SpecFileSystem = new MemoryFiles()): SemanticContext {
  const kind = specKindOf(specPath);
  if (!kind) throw new Error(`not a spec path: ${specPath}`);
  const spec = parseSpec(text, kind);
  assert.deepEqual(spec.syntaxDiagnostics, [], 'the test YAML parses');
  return { spec, specPath, files, rangeOf: (p, part) => rangeOfPath(spec, p, part) };
}

/** Runs `check` on marked YAML and asserts the rules and ranges of its diagnostics, in document order. */
export function expectDiagnostics(
  check: (ctx: SemanticContext) => SpecDiagnostic[],
  src: string,
  expected: readonly string[],
  options: { specPath?: string; files?: SpecFileSystem } = {},
): SpecDiagnostic[] {
  const { text, ranges } = marked(src);
  // In document order, as the spec service reports them.
  const diagnostics = check(contextFor(text, options.specPath ?? SURVEY, options.files)).sort(
    (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
  );
  assert.deepEqual(
    diagnostics.map((d) => ({ rule: d.rule, range: d.range })),
    expected.map((rule, i) => ({ rule, range: ranges[i] })),
    diagnostics.map((d) => d.message).join('\n'),
  );
  assert.equal(ranges.length, expected.length, 'one marked range per expected diagnostic');
  for (const d of diagnostics) assert.ok(d.message.length > 20, 'messages say what is wrong and how to fix it');
  return diagnostics;
}
