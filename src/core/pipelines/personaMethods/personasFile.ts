import { createReadStream } from 'node:fs';
import * as nodePath from 'node:path';
import { createInterface } from 'node:readline';
import type { PersonaSpec } from '../../specModel/personaSpec';
import type { PipelineFiles } from '../shared/pipelineFiles';
import { PipelineError } from '../shared/pipelineError';
import { isDirectMethod, type DirectMethod, type MethodPersonaRecord } from './methodPersona';

/** Methods whose personas are written from a survey's respondents (one file per survey). */
export const isProfileMethod = (m: string): m is 'bio' | 'qa' | 'portray' => m === 'bio' || m === 'qa' || m === 'portray';

/**
 * The personas file of a direct persona method, which `generate` writes and `simulate` reads: `generation.output`
 * when the spec sets it (ladder rungs), else `<name>.personas.jsonl` next to the spec; bio/qa/portray personas are
 * written from one survey's respondents, so theirs is `<name>.<survey>.personas.jsonl`.
 */
export function personasFilePath(persona: PersonaSpec, surveyBase?: string): string {
  const base = persona.generation?.output ?? nodePath.join(nodePath.dirname(persona.path), `${persona.name}.personas.jsonl`);
  return surveyBase !== undefined && isProfileMethod(persona.method) ? base.replace(/\.personas\.jsonl$|\.jsonl$/i, `.${surveyBase}.personas.jsonl`) : base;
}

/** The records as JSON Lines (one `MethodPersonaRecord` a line, failures included). */
export function formatPersonasFile(records: readonly MethodPersonaRecord[]): string {
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

/** One line of a personas file checked: a record of `method` (the messages of `readPersonasFile`). */
function checkedRecord(path: string, line: string, lineNo: number, method: DirectMethod): MethodPersonaRecord {
  let r: MethodPersonaRecord;
  try {
    r = JSON.parse(line) as MethodPersonaRecord;
  } catch {
    throw new PipelineError('input', `${path}: line ${lineNo} is not JSON; fix the line, or delete the file to make the personas again`);
  }
  if (!r || typeof r !== 'object' || typeof r.id !== 'string' || !isDirectMethod(String(r.method)) || !(typeof r.text === 'string' || r.text === null)) {
    throw new PipelineError('input', `${path}: line ${lineNo} is not a persona record (id, method, text); fix the line, or delete the file to make the personas again`);
  }
  if (r.method !== method) throw new PipelineError('input', `${path}: line ${lineNo} holds a ${r.method} persona, but the spec's method is ${method}; delete the file (or set generation.output) to make the ${method} personas`);
  return r;
}

/**
 * A personas file read as a stream (a million imported personas are never one string): every line checked as
 * `readPersonasFile` does, only counts, the settings hashes and the records of the first `first` personas kept (in
 * file order, with the failed records met before them). `undefined` when the file does not exist.
 */
export async function scanPersonasFile(path: string, method: DirectMethod, signal?: AbortSignal, first = 0): Promise<{ personas: number; failed: number; settings: ReadonlySet<string>; first: MethodPersonaRecord[] } | undefined> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const opened = await new Promise<boolean>((resolve, reject) => {
    input.once('open', () => resolve(true));
    input.once('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve(false) : reject(err)));
  });
  if (!opened) return undefined;
  const lines = createInterface({ input, crlfDelay: Infinity });
  const ids = new Set<string>();
  const settings = new Set<string>();
  let lineNo = 0;
  let personas = 0;
  let failed = 0;
  const kept: MethodPersonaRecord[] = [];
  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      if (lineNo % 10_000 === 0) signal?.throwIfAborted();
      const r = checkedRecord(path, line, lineNo, method);
      if (ids.has(r.id)) throw new PipelineError('input', `${path}: line ${lineNo}: persona id "${r.id.slice(0, 40)}" appears twice; ids must be unique`);
      ids.add(r.id);
      if (r.settings !== undefined) settings.add(r.settings);
      if (personas < first) kept.push(r);
      if (r.text === null) failed++;
      else personas++;
    }
  } finally {
    lines.close();
  }
  return { personas, failed, settings, first: kept };
}

/**
 * Reads a personas file back (as the user may have reviewed it: lines deleted, texts edited), or `undefined` when
 * it does not exist. Every line must be a record of `method`.
 * @throws PipelineError `input` naming the file and line when a line is not a record, or holds another method's persona
 */
export async function readPersonasFile(files: PipelineFiles, path: string, method: DirectMethod): Promise<MethodPersonaRecord[] | undefined> {
  const text = await files.readTextIfExists(path);
  if (text === undefined) return undefined;
  const out: MethodPersonaRecord[] = [];
  const ids = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const r = checkedRecord(path, line, i + 1, method);
    if (ids.has(r.id)) throw new PipelineError('input', `${path}: line ${i + 1}: persona id "${r.id.slice(0, 40)}" appears twice; ids must be unique`);
    ids.add(r.id);
    out.push(r);
  }
  return out;
}
