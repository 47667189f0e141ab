import { DataError } from '../../data';
import { readPersonaSet } from '../../data/personaSets';
import type { ImportSpec } from '../../specModel/personaSpec';
import { PipelineError } from '../shared/pipelineError';
import type { MethodPersonaRecord } from './methodPersona';

/**
 * The personas of an `import` persona spec, one at a time: the file streamed through `readPersonaSet` with the spec's
 * column mapping (text — default the whole record as JSON —, id, demographics) and format (default: by extension),
 * at most `limit` of them. Rows with an empty text come as failures, in file order.
 * @throws PipelineError `input` for an unreadable file, an unknown column, a duplicate id
 */
export async function* importedPersonaRecords(spec: ImportSpec, signal?: AbortSignal): AsyncGenerator<MethodPersonaRecord> {
  const limit = spec.limit ?? Infinity;
  let kept = 0;
  let skipped: MethodPersonaRecord[] = [];
  try {
    for await (const row of readPersonaSet(spec.file, { ...(spec.text === undefined ? {} : { text: spec.text }), ...(spec.id === undefined ? {} : { id: spec.id }), demographics: spec.demographics }, {
      ...(spec.format === undefined ? {} : { format: spec.format }),
      ...(signal ? { signal } : {}),
      onSkip: (r, why) => skipped.push({ id: `row${r + 1}`, method: 'import', seed: null, text: null, failure: { reason: 'emptyText', detail: why } }),
    })) {
      if (skipped.length > 0) {
        yield* skipped;
        skipped = [];
      }
      yield { id: row.id, method: 'import', seed: null, text: row.text, given: row.given };
      if (++kept >= limit) return;
    }
    yield* skipped;
  } catch (err) {
    if (DataError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
}

/** Every persona of an `import` persona spec ({@link importedPersonaRecords}), in memory. */
export async function importedPersonas(spec: ImportSpec, signal?: AbortSignal): Promise<MethodPersonaRecord[]> {
  const out: MethodPersonaRecord[] = [];
  for await (const r of importedPersonaRecords(spec, signal)) out.push(r);
  return out;
}
