import { DataError } from '../../data';
import { readPersonaSet } from '../../data/personaSets';
import type { ImportSpec } from '../../specModel/personaSpec';
import { PipelineError } from '../shared/pipelineError';
import type { MethodPersonaRecord } from './methodPersona';

/**
 * The personas of an `import` persona spec: the file streamed through `readPersonaSet` with the spec's column
 * mapping (text — default the whole record as JSON —, id, demographics) and format (default: by extension), at most
 * `limit` of them. Rows with an empty text are recorded as failures.
 */
export async function importedPersonas(spec: ImportSpec, signal?: AbortSignal): Promise<MethodPersonaRecord[]> {
  const out: MethodPersonaRecord[] = [];
  const limit = spec.limit ?? Infinity;
  let kept = 0;
  try {
    for await (const row of readPersonaSet(spec.file, { ...(spec.text === undefined ? {} : { text: spec.text }), ...(spec.id === undefined ? {} : { id: spec.id }), demographics: spec.demographics }, {
      ...(spec.format === undefined ? {} : { format: spec.format }),
      ...(signal ? { signal } : {}),
      onSkip: (r, why) => out.push({ id: `row${r + 1}`, method: 'import', seed: null, text: null, failure: { reason: 'emptyText', detail: why } }),
    })) {
      out.push({ id: row.id, method: 'import', seed: null, text: row.text, given: row.given });
      if (++kept >= limit) break;
    }
  } catch (err) {
    if (DataError.is(err)) throw new PipelineError('input', err.message);
    throw err;
  }
  return out;
}
